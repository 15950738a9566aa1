package fr.espacecommun.web.internal;

import fr.espacecommun.tenant.TenantCatalog;
import org.thymeleaf.TemplateEngine;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * Wires tenant resolution, request logging and rate limits into the servlet filter chain.
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

	@Bean
	FilterRegistrationBean<RequestLogFilter> requestLogFilter() {
		FilterRegistrationBean<RequestLogFilter> registration = new FilterRegistrationBean<>(new RequestLogFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		registration.addUrlPatterns("/*");
		return registration;
	}

	/** After the tenant is known, before Spring Security does any work. */
	@Bean
	FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimitProperties limits) {
		FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
				new RateLimitFilter(limits));
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
