package fr.espacecommun.tenant;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import fr.espacecommun.tenant.internal.RealTenantsTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue reloading in a loop, as the platform's watcher does, while a commune's
 * file (or its CGU) is truncated, written in pieces, deleted, filled with garbage or
 * replaced by a rename: no reload throws, the commune is served at every moment from one
 * of its complete good files and never from a half-written one, and once a good file is
 * back it is served.
 */
class TenantFileChurnTests {

	private static final Duration SETTLE = Duration.ofMillis(300);

	@TempDir
	Path tenants;

	private FileTenantCatalog catalog;

	private String goodA;

	private String goodB;

	@BeforeEach
	void copyRealTenants() throws IOException {
		Path source = RealTenantsTests.TENANTS;
		try (Stream<Path> files = Files.walk(source)) {
			for (Path file : files.toList()) {
				Path target = this.tenants.resolve(source.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target);
					// deployed a while ago: only what the tests touch is fresh
					Files.setLastModifiedTime(target, FileTime.from(Instant.now().minusSeconds(3600)));
				}
			}
		}
		this.catalog = new FileTenantCatalog(this.tenants, SETTLE);
		assertThat(this.catalog.reload().added()).hasSize(5);
		this.goodA = Files.readString(file());
		this.goodB = this.goodA.replace("minLength: 8", "minLength: 10");
		assertThat(this.goodB).isNotEqualTo(this.goodA);
	}

	@Test
	void tenantFileWhenTruncatedPartlyWrittenDeletedOrReplacedDuringReloadsThenOnlyWholeGoodVersionsServed()
			throws Exception {
		TenantDefinition a = this.catalog.byId("fresnes").orElseThrow();
		TenantDefinition b = served(this.goodB);
		assertThat(b.passwordPolicy().minLength()).isEqualTo(10);
		assertThat(served(this.goodA)).isEqualTo(a);
		Set<TenantDefinition> whole = Set.of(a, b);
		Queue<String> seen = new ConcurrentLinkedQueue<>();
		this.catalog.addListener((previous, current) -> {
			if (current.id().equals("fresnes") && !whole.contains(current)) {
				seen.add("listener told of " + current);
			}
		});

		Churn churn = new Churn(() -> {
			TenantDefinition now = this.catalog.byId("fresnes").orElse(null);
			if (!whole.contains(now)) {
				seen.add("served " + now);
			}
		});
		Random random = new Random(20261124);
		long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
		int operations = 0;
		try {
			while (System.nanoTime() < end) {
				String good = random.nextBoolean() ? this.goodA : this.goodB;
				switch (operations++ % 6) {
					case 0 -> Files.write(file(), new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
					case 1 -> writeInPieces(file(), good, random);
					case 2 -> writeInPieces(file(), good.substring(0, random.nextInt(good.length())), random);
					case 3 -> Files.deleteIfExists(file());
					case 4 -> Files.write(file(), new byte[] { (byte) 0xC3, 0x28, (byte) 0xFF, 0x00, 0x0A });
					default -> replaceByRename(file(), good);
				}
				Thread.sleep(random.nextInt(40));
			}
		}
		finally {
			churn.stop();
		}

		assertThat(churn.failures).as("reloads that threw").isEmpty();
		assertThat(churn.reloads.get()).as("reloads during the churn").isGreaterThan(50);
		assertThat(seen).as("half-written or broken definitions served").isEmpty();
		assertThat(operations).isGreaterThan(30);
		replaceByRename(file(), this.goodA);
		Thread.sleep(SETTLE.toMillis() + 100);
		this.catalog.reload();
		assertThat(this.catalog.byId("fresnes")).contains(a);
		assertThat(this.catalog.errors()).isEmpty();
		assertThat(this.catalog.all()).hasSize(5);
	}

	@Test
	void cguWhenRewrittenInPiecesDuringReloadsThenNeverServedHalfWritten() throws Exception {
		Path cgu = this.tenants.resolve("cgu/fresnes.md");
		String textA = Files.readString(cgu);
		String textB = textA + "\n\nArticle ajouté : la commune publie une nouvelle version.\n";
		Set<String> whole = Set.of(textA, textB);
		Queue<String> seen = new ConcurrentLinkedQueue<>();
		Churn churn = new Churn(() -> {
			String markdown = this.catalog.byId("fresnes").orElseThrow().terms().markdown();
			if (!whole.contains(markdown)) {
				seen.add(markdown.length() + " characters");
			}
		});
		Random random = new Random(1124);
		try {
			for (int i = 0; i < 12; i++) {
				writeInPieces(cgu, (i % 2 == 0) ? textB : textA, random);
				Thread.sleep(random.nextInt(500));
			}
		}
		finally {
			churn.stop();
		}

		assertThat(churn.failures).isEmpty();
		assertThat(seen).as("CGU texts served that were never whole").isEmpty();
		Thread.sleep(SETTLE.toMillis() + 100);
		this.catalog.reload();
		assertThat(this.catalog.byId("fresnes").orElseThrow().terms().markdown()).isEqualTo(textA);
	}

	static Stream<String> oddFiles() {
		return Stream.of("", "---\n", "- a\n- b\n", "id: [", "\u0000\u0001\u0002", "&a [*a, *a]\n",
				"id: fresnes\nhosts: &h [*h]\n", "a: &m {b: *m}\n", "[".repeat(200) + "]".repeat(200) + "\n",
				"a:\n" + "  ".repeat(1) + "b: " + "{c: ".repeat(100) + "1" + "}".repeat(100) + "\n",
				"!!java.lang.Runtime {}\n", "id: fresnes\nid: fresnes\n", "x".repeat(100_000));
	}

	@ParameterizedTest
	@MethodSource("oddFiles")
	void tenantFileWhenItHoldsAnythingThenRefusedAndTheCommuneKeepsItsDefinition(String content) throws Exception {
		TenantDefinition before = this.catalog.byId("fresnes").orElseThrow();
		Files.writeString(file(), content, StandardCharsets.UTF_8);
		Files.setLastModifiedTime(file(), FileTime.from(Instant.now().minusSeconds(60)));

		ReloadReport report = this.catalog.reload();

		assertThat(report.refused()).containsOnlyKeys(file());
		assertThat(this.catalog.byId("fresnes")).containsSame(before);
	}

	@Test
	void servedFileWhenJustModifiedThenReadOnceSettledAndANewFileAtOnce() throws Exception {
		replaceByRename(file(), this.goodB);

		assertThat(this.catalog.reload().changed()).as("modified a moment ago").isEmpty();
		assertThat(this.catalog.byId("fresnes").orElseThrow().passwordPolicy().minLength()).isEqualTo(8);
		Path newcomer = this.tenants.resolve("sixieme.yaml");
		Files.writeString(newcomer,
				this.goodA.replace("id: fresnes", "id: sixieme")
					.replace("- fresnes.localhost", "- sixieme.localhost")
					.replace("- fresnes.espace-commun.fr", "- sixieme.espace-commun.fr"));
		assertThat(this.catalog.reload().added()).as("a new commune").containsExactly("sixieme");

		Thread.sleep(SETTLE.toMillis() + 100);
		assertThat(this.catalog.reload().changed()).containsExactly("fresnes");
		assertThat(this.catalog.byId("fresnes").orElseThrow().passwordPolicy().minLength()).isEqualTo(10);
	}

	/** The definition served once this text is the file (written a while ago). */
	private TenantDefinition served(String text) throws Exception {
		replaceByRename(file(), text);
		Files.setLastModifiedTime(file(), FileTime.from(Instant.now().minusSeconds(60)));
		this.catalog.reload();
		assertThat(this.catalog.errors()).isEmpty();
		return this.catalog.byId("fresnes").orElseThrow();
	}

	private Path file() {
		return this.tenants.resolve("fresnes.yaml");
	}

	/**
	 * As a copy or a slow editor does: truncate, then write pieces with pauses (a text
	 * cut short is a writer that crashed).
	 */
	private static void writeInPieces(Path file, String text, Random random) throws Exception {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		try (OutputStream out = Files.newOutputStream(file)) {
			int at = 0;
			while (at < bytes.length) {
				int piece = Math.min(bytes.length - at, 1 + random.nextInt(1500));
				out.write(bytes, at, piece);
				out.flush();
				at += piece;
				Thread.sleep(random.nextInt(25));
			}
		}
	}

	/** As editors save: a new file renamed over the old one in one step. */
	private static void replaceByRename(Path file, String text) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		Files.writeString(temporary, text);
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	/**
	 * The watcher: reloads in a loop until stopped, checking what is served each time.
	 */
	private final class Churn {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicInteger reloads = new AtomicInteger();

		private final List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

		private final Thread thread;

		Churn(Runnable check) {
			this.thread = new Thread(() -> {
				while (this.running.get()) {
					try {
						TenantFileChurnTests.this.catalog.reload();
						this.reloads.incrementAndGet();
						check.run();
						Thread.sleep(5);
					}
					catch (InterruptedException ex) {
						return;
					}
					catch (Throwable ex) {
						this.failures.add(ex);
					}
				}
			}, "tenant-watcher");
			this.thread.start();
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			this.thread.join(10_000);
		}

	}

}
