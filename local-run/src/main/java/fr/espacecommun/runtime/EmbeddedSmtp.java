package fr.espacecommun.runtime;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

/**
 * An SMTP catcher (GreenMail) for local runs and tests: it accepts every mail and keeps
 * it in memory, so nothing leaves the machine.
 */
public final class EmbeddedSmtp {

	private static EmbeddedSmtp shared;

	private final GreenMail greenMail;

	private final int port;

	/** Starts a catcher on the given port (0 picks a free one). */
	public EmbeddedSmtp(int port) {
		this.port = (port != 0) ? port : freePort();
		this.greenMail = new GreenMail(new ServerSetup(this.port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		this.greenMail.start();
	}

	/** The catcher shared by everything in this JVM, started on first use. */
	public static synchronized EmbeddedSmtp shared() {
		if (shared == null) {
			shared = new EmbeddedSmtp(0);
			Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "embedded-smtp-stop"));
		}
		return shared;
	}

	/** Host the catcher listens on. */
	public String host() {
		return "127.0.0.1";
	}

	/** Port the catcher listens on. */
	public int port() {
		return this.port;
	}

	/** Every mail received so far, oldest first. */
	public List<MimeMessage> receivedMessages() {
		return List.of(this.greenMail.getReceivedMessages());
	}

	/** Waits until at least {@code count} mails arrived, or the timeout passed. */
	public boolean waitForMessages(int count, long timeoutMillis) {
		return this.greenMail.waitForIncomingEmail(timeoutMillis, count);
	}

	/** Stops the catcher. */
	public void stop() {
		this.greenMail.stop();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free port for the SMTP catcher", ex);
		}
	}

}
