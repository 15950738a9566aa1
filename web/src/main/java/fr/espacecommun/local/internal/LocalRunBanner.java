package fr.espacecommun.local.internal;

import java.lang.management.ManagementFactory;
import java.util.List;

import fr.espacecommun.onboarding.LocalAccounts;
import fr.espacecommun.onboarding.LocalAccounts.Account;
import fr.espacecommun.tenant.TenantCatalog;
import fr.espacecommun.tenant.TenantDefinition;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * For a local run: creates the tenant admins and the operator, then prints where each
 * commune is served and the generated credentials. Printed on the console, never logged:
 * logs may be shipped elsewhere, credentials must not.
 */
class LocalRunBanner {

	private final TenantCatalog catalog;

	private final LocalAccounts accounts;

	LocalRunBanner(TenantCatalog catalog, LocalAccounts accounts) {
		this.catalog = catalog;
		this.accounts = accounts;
	}

	@EventListener
	void onReady(ApplicationReadyEvent event) {
		List<Account> created = this.accounts.create();
		Environment environment = event.getApplicationContext().getEnvironment();
		String port = environment.getProperty("local.server.port", "8080");
		StringBuilder banner = new StringBuilder("\n");
		banner.append("==================== Espace Commun is ready ====================\n");
		for (TenantDefinition tenant : this.catalog.all()) {
			banner.append(String.format("  %-10s http://%s:%s/   %s%n", tenant.id(), tenant.hosts().get(0), port,
					tenant.name()));
		}
		banner.append(String.format("  %-10s http://localhost:%s/   (operators; health: /actuator/health)%n",
				"platform", port));
		banner.append("  Accounts (realm / username / password):\n");
		for (Account account : created) {
			banner
				.append(String.format("    %-10s %-16s %s%n", account.realm(), account.username(), account.password()));
		}
		banner.append(String.format("  Keycloak   %s/admin/   %s / %s%n",
				environment.getProperty("espace.keycloak.clusters.default.url"),
				environment.getProperty("espace.keycloak.clusters.default.admin-username"),
				environment.getProperty("espace.keycloak.clusters.default.admin-password")));
		banner.append(String.format("  SMTP catcher on %s:%s; mails: http://localhost:%s/dev/courriels%n",
				environment.getProperty("spring.mail.host"), environment.getProperty("spring.mail.port"), port));
		banner.append(String.format("  Ready %.1f s after start. Ctrl-C stops everything.%n",
				ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0));
		banner.append("================================================================\n");
		System.out.print(banner);
	}

}
