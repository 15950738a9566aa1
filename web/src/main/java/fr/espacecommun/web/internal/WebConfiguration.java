package fr.espacecommun.web.internal;

import fr.espacecommun.tenant.TenantCatalog;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import fr.espacecommun.web.StatusPage;
import org.thymeleaf.TemplateEngine;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * Wires security headers, tenant resolution and rate limits into the servlet filter
 * chain, and the trusted proxies, the request log and the French error pages into Tomcat.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ PlatformHosts.class, RateLimitProperties.class, ProxyProperties.class })
class WebConfiguration {

	/**
	 * Forwarded headers are read by Tomcat, before any filter, and only from the proxies
	 * of {@code espace.proxy.trusted-addresses} (Spring Boot's own valve is off:
	 * {@code server.forward-headers-strategy: none}): the client address the rate limits
	 * count, and whether the request came over HTTPS (Secure cookies, HSTS, https links),
	 * are those the proxy saw.
	 */
	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> trustedProxies(ProxyProperties proxy) {
		return (factory) -> proxy.remoteIpValve().ifPresent(factory::addEngineValves);
	}

	/**
	 * The request log, at the engine: it sees every request, those Tomcat refuses before
	 * any filter included, once its answer is final.
	 */
	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> requestLog() {
		return (factory) -> factory.addEngineValves(new RequestLogValve());
	}

	/**
	 * Tomcat's own error page (a malformed address, an unreadable request) in French,
	 * instead of Tomcat's English one; Spring Boot's customiser (order 0) has added its
	 * plain ErrorReportValve by the time this one (lowest order) runs, and it is
	 * replaced.
	 */
	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> frenchErrorReport(MessageSource messages,
			@Value("${espace.security.hsts:false}") boolean hstsAlways) {
		return (factory) -> factory.addContextCustomizers((context) -> {
			Container host = context.getParent();
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					host.getPipeline().removeValve(valve);
				}
			}
			host.getPipeline().addValve(new FrenchErrorReportValve(messages, hstsAlways));
			if (host instanceof StandardHost standardHost) {
				// found by its class name at start: Tomcat adds no English one beside it
				standardHost.setErrorReportValveClass(FrenchErrorReportValve.class.getName());
			}
		});
	}

	/** Before any filter that may answer: every answer gets the security headers. */
	@Bean
	FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter(
			@Value("${espace.security.hsts:false}") boolean hstsAlways) {
		FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(
				new SecurityHeadersFilter(hstsAlways));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.addUrlPatterns("/*");
		return registration;
	}

	/**
	 * Runs first, well before Spring Security's filter chain (order -100), so that every
	 * later filter, token check included, already knows the host's tenant.
	 */
	@Bean
	FilterRegistrationBean<TenantFilter> tenantFilter(TenantCatalog catalog, PlatformHosts platformHosts,
			TemplateEngine templates) {
		FilterRegistrationBean<TenantFilter> registration = new FilterRegistrationBean<>(
				new TenantFilter(catalog, platformHosts, new UnknownHostResponder(templates)));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		registration.addUrlPatterns("/*");
		return registration;
	}

	/** After the tenant is known, before Spring Security does any work. */
	@Bean
	FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimitProperties limits, TemplateEngine templates) {
		FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
				new RateLimitFilter(limits, new StatusPage(templates)));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
		registration.addUrlPatterns("/*");
		return registration;
	}

	/** Before Spring Security reads the CSRF token of a multipart form. */
	@Bean
	FilterRegistrationBean<UploadSizeFilter> uploadSizeFilter(MultipartProperties multipart,
			@Value("${server.tomcat.max-http-form-post-size:2MB}") DataSize maxForm, TemplateEngine templates) {
		FilterRegistrationBean<UploadSizeFilter> registration = new FilterRegistrationBean<>(
				new UploadSizeFilter(multipart.getMaxRequestSize().toBytes(), maxForm.toBytes(), templates));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 40);
		registration.addUrlPatterns("/*");
		return registration;
	}

}
