package fr.espacecommun.runtime.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The folder of one embedded Keycloak server, under the distribution's runs folder: its
 * log, temporary files, transaction log, themes and (for a persistent server) its H2
 * database. Named after the JVM's pid, so the folders of JVMs killed without running
 * their shutdown hooks are found and deleted.
 */
final class KeycloakRunFolder {

	private final Path dir;

	private final @Nullable Path dataDir;

	private KeycloakRunFolder(Path dir, boolean persistent) {
		this.dir = dir;
		this.dataDir = persistent ? dir.resolve("data") : null;
	}

	/** A new folder for a server on this port, after deleting those of dead JVMs. */
	static KeycloakRunFolder create(Path runsDir, int httpPort, boolean persistent) {
		try {
			Files.createDirectories(runsDir);
			deleteFoldersOfDeadProcesses(runsDir);
			return new KeycloakRunFolder(Files.createTempDirectory(runsDir,
					"pid-" + ProcessHandle.current().pid() + "-port-" + httpPort + "-"), persistent);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Path dir() {
		return this.dir;
	}

	Path logFile() {
		return this.dir.resolve("keycloak.log");
	}

	/** Folder of the H2 file database, or null for the in-memory one. */
	@Nullable Path dataDir() {
		return this.dataDir;
	}

	/** Creates the temporary folder and writes the command about to run into the log. */
	void prepareLaunch(List<String> command) {
		try {
			Files.createDirectories(this.dir.resolve("tmp"));
			Files.writeString(logFile(), "--- " + String.join(" ", command) + System.lineSeparator(),
					StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + command, ex);
		}
	}

	/** The last lines of Keycloak's log, for error messages. */
	String logTail() {
		try {
			List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
			return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(log unreadable: " + ex.getMessage() + ")";
		}
	}

	void delete() {
		Folders.deleteRecursively(this.dir);
	}

	// left behind by JVMs killed without running their shutdown hooks
	private static void deleteFoldersOfDeadProcesses(Path runsDir) throws IOException {
		try (Stream<Path> runs = Files.list(runsDir)) {
			runs.forEach((run) -> {
				String[] parts = run.getFileName().toString().split("-");
				if (parts.length > 1 && parts[0].equals("pid") && parts[1].chars().allMatch(Character::isDigit)
						&& ProcessHandle.of(Long.parseLong(parts[1])).isEmpty()) {
					Folders.deleteRecursively(run);
				}
			});
		}
	}

}
