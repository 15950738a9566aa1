package fr.espacecommun;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

	@Test
	void modulesWhenVerifiedThenNoViolation() {
		ApplicationModules modules = ApplicationModules.of(EspaceCommunApplication.class);
		modules.forEach(System.out::println);
		modules.verify();
	}

}
