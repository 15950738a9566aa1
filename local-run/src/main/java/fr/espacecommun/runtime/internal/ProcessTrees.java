package fr.espacecommun.runtime.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a process with every process it started: {@code kc.sh} runs Keycloak's JVM as a
 * child, which outlives its parent when only the parent is stopped.
 */
final class ProcessTrees {

	private static final Logger logger = LoggerFactory.getLogger(ProcessTrees.class);

	private ProcessTrees() {
	}

	/** Asks every process of the tree to stop, then kills those still running. */
	static void stop(Process process, Duration timeout) {
		List<ProcessHandle> tree = tree(process);
		tree.forEach(ProcessHandle::destroy);
		long deadline = System.nanoTime() + timeout.toNanos();
		for (ProcessHandle handle : tree) {
			try {
				handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (Exception ex) {
				handle.destroyForcibly();
			}
		}
		tree.forEach(ProcessHandle::destroyForcibly);
	}

	/** Kills every process of the tree at once (SIGKILL), as a crash would. */
	static void kill(Process process, Duration timeout) {
		List<ProcessHandle> tree = tree(process);
		tree.forEach(ProcessHandle::destroyForcibly);
		for (ProcessHandle handle : tree) {
			try {
				handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (Exception ex) {
				logger.warn("Process {} still running after SIGKILL", handle.pid());
			}
		}
	}

	private static List<ProcessHandle> tree(Process process) {
		List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
		tree.add(process.toHandle());
		return tree;
	}

}
