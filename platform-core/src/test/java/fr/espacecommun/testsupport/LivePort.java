package fr.espacecommun.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * The one port the test JVM's live server listens on. Every application context of the
 * JVM provisions the realms with it as the local redirect port, so a context started
 * later never takes the live server's sign-in redirect away.
 */
public final class LivePort {

	private static final int PORT = freePort();

	private LivePort() {
	}

	/** The port, the same for the whole JVM. */
	public static int get() {
		return PORT;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
