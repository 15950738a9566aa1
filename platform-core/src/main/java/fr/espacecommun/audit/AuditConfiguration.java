package fr.espacecommun.audit;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	@Bean
	AuditLog auditLog(AuditEntryRepository entries, Clock clock) {
		return new AuditLog(entries, clock);
	}

}
