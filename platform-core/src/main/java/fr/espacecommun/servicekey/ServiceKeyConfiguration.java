package fr.espacecommun.servicekey;

import java.time.Clock;

import javax.sql.DataSource;

import fr.espacecommun.audit.AuditLog;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the service key registry. */
@Configuration(proxyBeanMethods = false)
public class ServiceKeyConfiguration {

	@Bean
	ServiceKeyRegistry serviceKeyRegistry(DataSource dataSource, PlatformTransactionManager transactionManager,
			AuditLog audit, ObjectProvider<Clock> clock) {
		return new ServiceKeyRegistry(dataSource, new TransactionTemplate(transactionManager), audit,
				clock.getIfUnique(Clock::systemUTC));
	}

}
