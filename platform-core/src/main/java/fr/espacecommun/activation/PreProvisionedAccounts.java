package fr.espacecommun.activation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import fr.espacecommun.tenant.TenantDefinition;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code pre_provisioned_account} rows of a tenant. */
class PreProvisionedAccounts {

	private final JdbcClient jdbc;

	PreProvisionedAccounts(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	void insert(TenantDefinition tenant, String userId, String username, String passwordHash, Instant now) {
		this.jdbc
			.sql("INSERT INTO " + tenant.schema() + ".pre_provisioned_account (keycloak_user_id, generated_username,"
					+ " password_hash, created_at) VALUES (?, ?, ?, ?)")
			.params(userId, username, passwordHash, Timestamp.from(now))
			.update();
	}

	Optional<Row> find(TenantDefinition tenant, String userId) {
		return this.jdbc
			.sql("SELECT generated_username, password_hash, credentials_chosen_at, personalised_at FROM "
					+ tenant.schema() + ".pre_provisioned_account WHERE keycloak_user_id = ?")
			.param(userId)
			.query((rs, row) -> new Row(userId, rs.getString("generated_username"), rs.getString("password_hash"),
					rs.getTimestamp("credentials_chosen_at") != null, rs.getTimestamp("personalised_at") != null))
			.optional();
	}

	void replacePassword(TenantDefinition tenant, String userId, String passwordHash) {
		this.jdbc.sql("UPDATE " + tenant.schema()
				+ ".pre_provisioned_account SET password_hash = ?, credentials_chosen_at = NULL WHERE keycloak_user_id = ?")
			.params(passwordHash, userId)
			.update();
	}

	void credentialsChosen(TenantDefinition tenant, String userId, Instant now) {
		this.jdbc
			.sql("UPDATE " + tenant.schema()
					+ ".pre_provisioned_account SET credentials_chosen_at = ? WHERE keycloak_user_id = ?")
			.params(Timestamp.from(now), userId)
			.update();
	}

	/** The citizen owns the account now: the generated password's hash goes. */
	void personalised(TenantDefinition tenant, String userId, Instant now) {
		this.jdbc.sql("UPDATE " + tenant.schema()
				+ ".pre_provisioned_account SET personalised_at = ?, password_hash = NULL WHERE keycloak_user_id = ?")
			.params(Timestamp.from(now), userId)
			.update();
	}

	/**
	 * One row.
	 *
	 * @param userId the account
	 * @param generatedUsername the username the commune's mail gave
	 * @param passwordHash the generated password's hash, until personalisation
	 * @param credentialsChosen whether the citizen chose their username and password
	 * @param personalised whether the citizen finished personalising
	 */
	record Row(String userId, String generatedUsername, @Nullable String passwordHash, boolean credentialsChosen,
			boolean personalised) {

		@Override
		public String toString() {
			return "Row[" + this.userId + "]";
		}

	}

}
