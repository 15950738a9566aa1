package fr.espacecommun.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One platform instance ({@code EspaceCommunApplication}) in its own JVM, on this JVM's
 * classpath, pointed at the bench's PostgreSQL, Keycloak (through the call counter) and
 * SMTP catcher instead of starting embedded ones.
 */
final class Platform implements AutoCloseable {

	private final int port;

	private final Process process;

	private final Path log;

	Platform(String name, Map<String, String> settings, Path logDirectory) throws IOException {
		this(name, settings, logDirectory, -1);
	}

	/**
	 * An instance bound to one core ({@code taskset}), or to none when {@code cpu} < 0.
	 */
	Platform(String name, Map<String, String> settings, Path logDirectory, int cpu) throws IOException {
		this.port = freePort();
		this.log = logDirectory.resolve("platform-" + name + ".log");
		List<String> command = new ArrayList<>();
		if (cpu >= 0) {
			command.add("taskset");
			command.add("-c");
			command.add(Integer.toString(cpu));
		}
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx1g");
		command.add("-XX:+UseParallelGC");
		if (Boolean.getBoolean("bench.profile")) {
			command.add("-XX:StartFlightRecording=filename=" + logDirectory.resolve("platform-" + name + ".jfr")
					+ ",settings=profile");
		}
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add("-Dserver.port=" + this.port);
		settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
		command.add("fr.espacecommun.EspaceCommunApplication");
		this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(this.log.toFile()).start();
	}

	int port() {
		return this.port;
	}

	long pid() {
		return this.process.pid();
	}

	/** CPU time (user + system) the instance's JVM used so far. */
	long cpuMillis() {
		return Cpu.millis(pid());
	}

	/** Waits until health is UP and every commune's home page answers. */
	void awaitReady(List<String> tenants, Duration timeout) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("platform exited, see " + this.log);
			}
			if (answers(http, "localhost", "/actuator/health")
					&& tenants.stream().allMatch((t) -> answers(http, t + ".localhost", "/"))) {
				return;
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("platform not ready in " + timeout + ", see " + this.log);
	}

	private boolean answers(HttpClient http, String host, String path) {
		try {
			HttpResponse<String> response = http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
					.header("Host", host + ":" + this.port)
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
