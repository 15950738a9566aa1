package fr.espacecommun.runtime.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A held lock on a shared distribution folder, against other threads of this JVM and
 * other processes: a lock file locked with {@link FileChannel#lock()}, which is per
 * process, behind a per-file lock that queues this JVM's threads first.
 */
final class DistributionLock implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(DistributionLock.class);

	// FileChannel.lock() is per process: threads of this JVM queue here first
	private static final Map<Path, ReentrantLock> jvmLocks = new HashMap<>();

	private final FileChannel channel;

	private final FileLock fileLock;

	private final ReentrantLock jvmLock;

	private DistributionLock(FileChannel channel, FileLock fileLock, ReentrantLock jvmLock) {
		this.channel = channel;
		this.fileLock = fileLock;
		this.jvmLock = jvmLock;
	}

	/** Waits for the lock on this file (created with its folder if missing). */
	static DistributionLock acquire(Path lockFile) {
		ReentrantLock jvmLock;
		synchronized (jvmLocks) {
			jvmLock = jvmLocks.computeIfAbsent(lockFile, (key) -> new ReentrantLock());
		}
		jvmLock.lock();
		try {
			Files.createDirectories(lockFile.getParent());
			FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			try {
				FileLock fileLock = channel.lock();
				return new DistributionLock(channel, fileLock, jvmLock);
			}
			catch (IOException | RuntimeException ex) {
				channel.close();
				throw ex;
			}
		}
		catch (IOException ex) {
			jvmLock.unlock();
			throw new UncheckedIOException("Cannot lock " + lockFile, ex);
		}
		catch (RuntimeException ex) {
			jvmLock.unlock();
			throw ex;
		}
	}

	@Override
	public void close() {
		try {
			this.fileLock.release();
			this.channel.close();
		}
		catch (IOException ex) {
			logger.warn("Cannot release the distribution lock", ex);
		}
		finally {
			this.jvmLock.unlock();
		}
	}

}
