package fr.espacecommun.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import fr.espacecommun.EspaceCommunApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another platform process, as far as a test can tell: its own application context, web
 * server, connection pool, caches and schedules, in this JVM, started from the same
 * application class; it shares with the others only what real instances share (the
 * database it is pointed at, the tenants folder, Keycloak, SMTP).
 */
public final class PlatformInstance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final int port;

	private PlatformInstance(ConfigurableApplicationContext context, int port) {
		this.context = context;
		this.port = port;
	}

	/**
	 * Starts an instance.
	 * @param port the port it listens on
	 * @param properties its settings, above every other source (the tenants folder, a
	 * database of its own…)
	 */
	public static PlatformInstance start(int port, Map<String, Object> properties) {
		List<String> arguments = new ArrayList<>();
		arguments.add("--server.port=" + port);
		properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(EspaceCommunApplication.class)
			.run(arguments.toArray(String[]::new));
		return new PlatformInstance(context, port);
	}

	/** One of its beans. */
	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/** The URL of a path on one of its hosts. */
	public String url(String host, String path) {
		return "http://" + host + ":" + this.port + path;
	}

	/** The port it listens on. */
	public int port() {
		return this.port;
	}

	/** Stops it, as a process stopping would (its memory is gone). */
	@Override
	public void close() {
		this.context.close();
	}

}
