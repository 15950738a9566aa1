package fr.espacecommun.bench.jmh;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

import fr.espacecommun.identity.PasswordRules;
import fr.espacecommun.tenant.FileTenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;
import fr.espacecommun.wizard.FieldRules;
import fr.espacecommun.wizard.WizardDefinition;
import fr.espacecommun.wizard.WizardField;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-request hot paths (issue 7, item 3), on the five real tenant files: what a page
 * view pays for tenant resolution, configuration lookup and the policy checks, next to
 * what parsing the tenant files costs (which the watcher does only when a file changed,
 * never per request).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPathBenchmarks {

	private final Path tenants = Path.of(System.getProperty("espace.tenants.dir", "tenants"));

	private FileTenantCatalog catalog;

	private TenantDefinition fresnes;

	private WizardDefinition wizard;

	private WizardField phone;

	private WizardField birthDate;

	private WizardField lastName;

	private LocalDate today;

	@Setup
	public void setUp() {
		this.catalog = new FileTenantCatalog(this.tenants);
		this.catalog.reload();
		this.fresnes = this.catalog.byId("fresnes").orElseThrow();
		this.wizard = WizardDefinition.of(this.catalog.byId("ccplm").orElseThrow());
		this.phone = this.wizard.field("phone").orElseThrow();
		this.birthDate = this.wizard.field("birthDate").orElseThrow();
		this.lastName = this.wizard.field("lastName").orElseThrow();
		this.today = LocalDate.now();
	}

	/** TenantFilter's lookup: Host header to tenant, once per request. */
	@Benchmark
	public Object tenantByHost() {
		return this.catalog.byHost("villennes.localhost");
	}

	/** An unknown host (the 404 page's path). */
	@Benchmark
	public Object tenantByUnknownHost() {
		return this.catalog.byHost("inconnue.localhost");
	}

	/** Configuration lookup by id (mails, activation, admin pages). */
	@Benchmark
	public Object tenantById() {
		return this.catalog.byId("ccplm");
	}

	/**
	 * The wizard's pages and fields, built from the definition on every wizard request.
	 */
	@Benchmark
	public Object wizardDefinition() {
		return WizardDefinition.of(this.fresnes);
	}

	/** The password checklist against the commune's policy (every credentials POST). */
	@Benchmark
	public Object passwordPolicyCheck() {
		return PasswordRules.check(this.fresnes.passwordPolicy(), "Soleil-2026-Fort", "mcurie", "marie@example.fr");
	}

	/**
	 * The policy's French wording shown under the password field (every credentials GET).
	 */
	@Benchmark
	public Object passwordPolicyWording() {
		return PasswordRules.wording(this.fresnes.passwordPolicy());
	}

	/** Field rules: a French phone number. */
	@Benchmark
	public Object fieldRulePhone() {
		return FieldRules.checkValue(this.phone, "01 49 84 56 56", this.today);
	}

	/** Field rules: a birth date (parsed, range-checked). */
	@Benchmark
	public Object fieldRuleBirthDate() {
		return FieldRules.checkValue(this.birthDate, "01/05/1975", this.today);
	}

	/** Field rules: a name with accents. */
	@Benchmark
	public Object fieldRuleName() {
		return FieldRules.checkValue(this.lastName, "Nguyễn-Ødegaard", this.today);
	}

	/** The watcher's periodic look at unchanged files (every 5 s, not per request). */
	@Benchmark
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public Object watcherReloadUnchanged() {
		return this.catalog.reload();
	}

	/** For scale: reading, validating and binding the five files from scratch. */
	@Benchmark
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public Object parseAllTenantFiles() {
		FileTenantCatalog fresh = new FileTenantCatalog(this.tenants);
		return fresh.reload();
	}

}
