package fr.espacecommun.browser;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the browser tests, each reported as skipped with the reason (and the reason
 * printed once), where Debian's chromium or chromium-driver is missing; decided before
 * any Spring context starts.
 */
final class ChromiumInstalled implements ExecutionCondition {

	private static final AtomicBoolean told = new AtomicBoolean();

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		return Chromium.missing().map((reason) -> {
			if (told.compareAndSet(false, true)) {
				System.err.println(reason);
			}
			return ConditionEvaluationResult.disabled(reason);
		}).orElseGet(() -> ConditionEvaluationResult.enabled("chromium and chromedriver installed"));
	}

}
