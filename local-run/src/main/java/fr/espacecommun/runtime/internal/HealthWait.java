package fr.espacecommun.runtime.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits for a server's readiness URL to answer 200 while its process is alive. */
final class HealthWait {

	private static final Logger logger = LoggerFactory.getLogger(HealthWait.class);

	private HealthWait() {
	}

	/**
	 * Asks the URL every 250 ms until it answers 200.
	 * @param ready the readiness URL
	 * @param process the server's process as it is now (null once stopped)
	 * @param timeout how long to wait
	 * @return how the wait ended
	 * @throws InterruptedException if the thread is interrupted meanwhile
	 */
	static Outcome await(URI ready, Supplier<@Nullable Process> process, Duration timeout) throws InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest request = HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Process running = process.get();
			if (running == null || !running.isAlive()) {
				return Outcome.EXITED;
			}
			try {
				if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return Outcome.READY;
				}
			}
			catch (ConnectException ex) {
				// not listening yet
			}
			catch (IOException ex) {
				logger.debug("{} not ready yet", ready, ex);
			}
			sleep(Duration.ofMillis(250));
		}
		return Outcome.TIMED_OUT;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** How a wait ended. */
	enum Outcome {

		/** The URL answered 200. */
		READY,
		/** The process stopped first. */
		EXITED,
		/** Neither happened in time. */
		TIMED_OUT

	}

}
