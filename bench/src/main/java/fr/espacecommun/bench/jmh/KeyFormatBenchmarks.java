package fr.espacecommun.bench.jmh;

import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import fr.espacecommun.tenant.KeyFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A service key checked against a tenant's format (issue 15): java.util.regex, which the
 * platform used, beside {@link KeyFormat} (RE2/J), which it uses now, side by side in one
 * run. The hostile format nests repetitions ({@code ^([0-9A-Z]+-?){1,20}$}) and the key
 * never matches (letters then "!"), the backtracking engine's worst case; the everyday
 * format is the communes' own, with a good key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class KeyFormatBenchmarks {

	private static final String HOSTILE = "^([0-9A-Z]+-?){1,20}$";

	private static final String EVERYDAY = "^[0-9]{5}-[A-Z0-9]{6}$";

	/**
	 * Length of the hostile key; java.util.regex takes about 3 times longer per 1 more.
	 */
	@Param({ "16", "20", "23", "26" })
	public int keyLength;

	private String hostileKey;

	private Pattern hostileJava;

	private KeyFormat hostileRe2;

	private Pattern everydayJava;

	private KeyFormat everydayRe2;

	@Setup
	public void setUp() {
		this.hostileKey = "A".repeat(this.keyLength - 1) + "!";
		this.hostileJava = Pattern.compile(HOSTILE);
		this.hostileRe2 = KeyFormat.of(HOSTILE);
		this.everydayJava = Pattern.compile(EVERYDAY);
		this.everydayRe2 = KeyFormat.of(EVERYDAY);
	}

	@Benchmark
	public boolean hostileJavaUtilRegex() {
		return this.hostileJava.matcher(this.hostileKey).matches();
	}

	@Benchmark
	public boolean hostileRe2j() {
		return this.hostileRe2.matches(this.hostileKey);
	}

	@Benchmark
	public boolean everydayJavaUtilRegex() {
		return this.everydayJava.matcher("23456-B7J8K2").matches();
	}

	@Benchmark
	public boolean everydayRe2j() {
		return this.everydayRe2.matches("23456-B7J8K2");
	}

}
