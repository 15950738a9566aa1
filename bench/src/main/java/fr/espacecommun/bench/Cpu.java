package fr.espacecommun.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU time used by a process (user + system, from /proc), which other work on a shared
 * machine does not inflate the way it inflates wall-clock latencies.
 */
final class Cpu {

	private Cpu() {
	}

	/** Milliseconds of CPU the process used so far, 0 when unknown. */
	static long millis(long pid) {
		return ticks(pid, false) * 10;
	}

	/**
	 * Milliseconds of CPU used so far by the PostgreSQL server listening on this port:
	 * the postmaster, its live backends (the pools' connections live as long as the
	 * pools), and the children it already reaped.
	 */
	static long postgresMillis(int port) {
		return process("/postgres", "-p " + port)
			.map((postmaster) -> withReapedChildren(postmaster.pid())
					+ postmaster.descendants().mapToLong((child) -> millis(child.pid())).sum())
			.orElse(0L);
	}

	private static long withReapedChildren(long pid) {
		return ticks(pid, true) * 10;
	}

	/**
	 * utime + stime (fields 14 and 15 of {@code /proc/<pid>/stat}), with cutime + cstime
	 * (16 and 17, the children waited for) if asked, in clock ticks of 10 ms; 0 when the
	 * process is gone.
	 */
	private static long ticks(long pid, boolean reapedChildren) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			return reapedChildren ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** The JVM serving Keycloak on this HTTP port (kc.sh starts it as a child). */
	static Optional<Long> keycloakPid(String keycloakUrl) {
		String port = keycloakUrl.replaceAll(".*:(\\d+)/?$", "$1");
		return process("java", "--http-port=" + port).map(ProcessHandle::pid);
	}

	/** The first process whose command ends so and whose arguments hold this text. */
	private static Optional<ProcessHandle> process(String commandEnd, String argument) {
		return ProcessHandle.allProcesses()
			.filter((p) -> p.info().command().map((c) -> c.endsWith(commandEnd)).orElse(false))
			.filter((p) -> p.info().arguments().map((args) -> String.join(" ", args).contains(argument)).orElse(false))
			.findFirst();
	}

}
