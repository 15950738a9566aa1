package fr.espacecommun.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Latencies (HdrHistogram, microseconds) and failures per named step. */
final class Stats {

	private final Map<String, Histogram> latencies = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

	private final List<String> failureSamples = new ArrayList<>();

	private final LongAdder busyPages = new LongAdder();

	void record(String step, long nanos) {
		this.latencies.computeIfAbsent(step, (s) -> new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3))
			.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos)));
	}

	void fail(String step, String why) {
		this.failures.computeIfAbsent(step, (s) -> new LongAdder()).increment();
		synchronized (this.failureSamples) {
			if (this.failureSamples.size() < 20) {
				this.failureSamples.add(step + ": " + why);
			}
		}
	}

	/**
	 * A "service momentanément indisponible" page (503, draft kept) the person answered
	 * by pressing Réessayer: not a failure, counted apart.
	 */
	void busy() {
		this.busyPages.increment();
	}

	long busyPages() {
		return this.busyPages.sum();
	}

	long failures() {
		return this.failures.values().stream().mapToLong(LongAdder::sum).sum();
	}

	List<String> failureSamples() {
		synchronized (this.failureSamples) {
			return List.copyOf(this.failureSamples);
		}
	}

	long count(String step) {
		Histogram histogram = this.latencies.get(step);
		return (histogram != null) ? histogram.getTotalCount() : 0;
	}

	long requests() {
		return this.latencies.values().stream().mapToLong(Histogram::getTotalCount).sum();
	}

	/** A Markdown table: one line per step, in the order given (others after). */
	String table(List<String> order) {
		StringBuilder out = new StringBuilder();
		out.append("| step | count | failed | p50 ms | p95 ms | p99 ms | max ms |\n");
		out.append("|---|---:|---:|---:|---:|---:|---:|\n");
		List<String> steps = new ArrayList<>();
		order.stream().filter(this.latencies::containsKey).forEach(steps::add);
		this.latencies.keySet().stream().filter((s) -> !steps.contains(s)).sorted().forEach(steps::add);
		for (String step : steps) {
			Histogram h = this.latencies.get(step);
			LongAdder failed = this.failures.get(step);
			out.append(String.format("| %s | %d | %d | %s | %s | %s | %s |%n", step, h.getTotalCount(),
					(failed != null) ? failed.sum() : 0, ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)),
					ms(h.getValueAtPercentile(99)), ms(h.getMaxValue())));
		}
		return out.toString();
	}

	/** p50/p95/p99 of one step, in ms, or null when the step never ran. */
	double[] percentiles(String step) {
		Histogram h = this.latencies.get(step);
		if (h == null) {
			return null;
		}
		return new double[] { h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0,
				h.getValueAtPercentile(99) / 1000.0 };
	}

	static String ms(double micros) {
		return String.format("%.1f", micros / 1000.0);
	}

}
