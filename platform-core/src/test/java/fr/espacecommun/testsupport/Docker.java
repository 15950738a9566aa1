package fr.espacecommun.testsupport;

import org.testcontainers.DockerClientFactory;

/**
 * Whether the shared test servers come from Testcontainers or from the embedded parts.
 */
final class Docker {

	private Docker() {
	}

	/**
	 * Docker when {@code -D<property>=docker}, embedded when {@code =embedded}, otherwise
	 * Docker only where an engine answers (Testcontainers is skipped cleanly without
	 * one).
	 */
	static boolean use(String property) {
		String mode = System.getProperty(property, "auto");
		if (mode.equals("embedded")) {
			return false;
		}
		if (mode.equals("docker")) {
			return true;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

}
