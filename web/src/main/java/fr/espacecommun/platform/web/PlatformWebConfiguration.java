package fr.espacecommun.platform.web;

import fr.espacecommun.tenancy.TenantStatuses;
import org.thymeleaf.TemplateEngine;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Wires the closing of suspended communes into the servlet filter chain. */
@Configuration(proxyBeanMethods = false)
class PlatformWebConfiguration {

	/**
	 * After the tenant filter (which resolves the host's commune) and the request log,
	 * well before Spring Security (order -100).
	 */
	@Bean
	FilterRegistrationBean<SuspendedTenantFilter> suspendedTenantFilter(TenantStatuses statuses,
			TemplateEngine templates, MessageSource messages) {
		FilterRegistrationBean<SuspendedTenantFilter> registration = new FilterRegistrationBean<>(
				new SuspendedTenantFilter(statuses, templates, messages));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
		registration.addUrlPatterns("/*");
		return registration;
	}

}
