package fr.espacecommun;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

	/**
	 * platform-core's test classes reach this module as a jar ({@code -tests.jar}) once
	 * the reactor has packaged it, where ArchUnit's "no tests" option does not see them;
	 * they are no module's code (a test of registration may well drive activation).
	 */
	private static final DescribedPredicate<JavaClass> TEST_JAR_CLASSES = DescribedPredicate.describe(
			"classes of a test jar",
			(JavaClass type) -> type.getSource()
				.map((source) -> source.getUri().toString().contains("-tests.jar!"))
				.orElse(false));

	@Test
	void modulesWhenVerifiedThenNoViolation() {
		ApplicationModules modules = ApplicationModules.of(EspaceCommunApplication.class, TEST_JAR_CLASSES);
		modules.forEach(System.out::println);
		modules.verify();
	}

}
