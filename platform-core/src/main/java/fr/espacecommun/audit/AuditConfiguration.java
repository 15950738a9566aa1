package fr.espacecommun.audit;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	@Bean
	AuditLog auditLog(AuditEntryRepository entries, ObjectProvider<Clock> clock) {
		return new AuditLog(entries, clock.getIfUnique(Clock::systemUTC));
	}

}
