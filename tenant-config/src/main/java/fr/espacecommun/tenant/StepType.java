package fr.espacecommun.tenant;

import java.util.Arrays;
import java.util.Optional;

/** The catalogue of wizard steps a tenant orders and configures. */
public enum StepType {

	WELCOME("welcome"), ACCOUNT_TYPE("account-type"), CONSENT("consent"), CGU("cgu"), IDENTITY("identity"),
	ADDRESS("address"), CONTACT("contact"), CREDENTIALS("credentials"), SERVICE_KEYS("service-keys"),
	SECURITY_CHECK("security-check"), CONFIRMATION("confirmation");

	private final String yamlName;

	StepType(String yamlName) {
		this.yamlName = yamlName;
	}

	/** The name used in tenant files. */
	public String yamlName() {
		return this.yamlName;
	}

	/** The step with this name in tenant files. */
	public static Optional<StepType> fromYamlName(String name) {
		return Arrays.stream(values()).filter((type) -> type.yamlName.equals(name)).findFirst();
	}

}
