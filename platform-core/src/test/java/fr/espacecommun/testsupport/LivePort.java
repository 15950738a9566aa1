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

	private static final int SECOND = freePortOtherThan(PORT);

	private LivePort() {
	}

	/** The port, the same for the whole JVM. */
	public static int get() {
		return PORT;
	}

	/**
	 * The port of a second platform instance some tests start beside the live server (two
	 * instances on one database), also a redirect port of every realm.
	 */
	public static int second() {
		return SECOND;
	}

	private static int freePortOtherThan(int taken) {
		int port = freePort();
		while (port == taken) {
			port = freePort();
		}
		return port;
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
