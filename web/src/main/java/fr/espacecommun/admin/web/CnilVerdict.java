package fr.espacecommun.admin.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import fr.espacecommun.identity.LoginThrottling;
import fr.espacecommun.identity.PasswordStrength;
import fr.espacecommun.identity.PasswordStrength.Assessment;
import fr.espacecommun.identity.PasswordStrength.CharClass;
import fr.espacecommun.identity.PasswordStrength.Level;
import fr.espacecommun.tenant.TenantDefinition.PasswordPolicy;

import org.springframework.context.MessageSource;

/**
 * A password policy against the CNIL's recommendation, in French for the commune's staff:
 * the verdict, how it was computed, why the threshold is 50 bits here, and what would
 * reach it.
 *
 * @param level the CNIL case the policy satisfies
 * @param below whether it falls under even the 50 bits of the throttled case
 * @param verdict one sentence: reached or not, with the bits
 * @param computation how the bits were computed
 * @param throttling why 50 bits are enough here
 * @param advice what would reach the next threshold
 */
record CnilVerdict(Level level, boolean below, String verdict, String computation, String throttling,
		List<String> advice) {

	private static final Locale FRENCH = Locale.FRENCH;

	static CnilVerdict of(PasswordPolicy policy, MessageSource messages) {
		Assessment strength = PasswordStrength.assess(policy);
		Level level = strength.level();
		String verdict = text(messages, "admin.password.verdict." + level.name(), strength.roundedBits());
		String bits = String.format(Locale.FRANCE, "%.1f", strength.bits());
		String computation = strength.forced().isEmpty()
				? text(messages, "admin.password.computation.noClass", strength.length(), bits)
				: text(messages, "admin.password.computation", strength.length(), strength.alphabet(),
						classes(strength.forced(), messages), bits);
		LoginThrottling throttling = LoginThrottling.REALMS;
		String throttled = text(messages, "admin.password.throttling", throttling.failures(),
				throttling.waitIncrementSeconds() / 60, throttling.maxWaitSeconds() / 60);
		List<String> advice = new ArrayList<>();
		if (level == Level.BELOW) {
			advice(advice, strength, PasswordStrength.WITH_THROTTLING_BITS, messages);
		}
		if (level != Level.PASSWORD_ALONE) {
			advice(advice, strength, PasswordStrength.PASSWORD_ALONE_BITS, messages);
		}
		return new CnilVerdict(level, level == Level.BELOW, verdict, computation, throttled, advice);
	}

	private static void advice(List<String> advice, Assessment strength, int threshold, MessageSource messages) {
		advice.add(text(messages, "admin.password.advice.length", threshold, strength.lengthFor(threshold)));
		if (!strength.forcesEveryClass()) {
			advice.add(text(messages, "admin.password.advice.classes", threshold,
					strength.lengthWithEveryClassFor(threshold)));
		}
	}

	private static String classes(List<CharClass> forced, MessageSource messages) {
		return forced.stream()
			.map((charClass) -> text(messages, "admin.password.class." + charClass.name(), charClass.size()))
			.collect(Collectors.joining(", "));
	}

	private static String text(MessageSource messages, String code, Object... arguments) {
		return messages.getMessage(code, arguments, FRENCH);
	}

}
