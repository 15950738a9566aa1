package fr.espacecommun;

import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

	/**
	 * The application's own classes: ArchUnit leaves test folders out, but under
	 * {@code ./mvnw verify} platform-core's tests reach this module as a jar
	 * ({@code platform-core-…-tests.jar}), whose test classes would count as modules'
	 * code (RegistrationTests using activation made a cycle).
	 */
	private static final ImportOption MAIN_CODE = (location) -> new ImportOption.DoNotIncludeTests().includes(location)
			&& !location.contains("-tests.jar");

	@Test
	void modulesWhenVerifiedThenNoViolation() {
		ApplicationModules modules = ApplicationModules.of(EspaceCommunApplication.class, MAIN_CODE);
		modules.forEach(System.out::println);
		modules.verify();
	}

}
