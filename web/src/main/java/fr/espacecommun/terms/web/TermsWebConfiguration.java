package fr.espacecommun.terms.web;

import fr.espacecommun.terms.internal.TermsAcceptances;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the CGU check in front of every Mon espace page but the CGU page itself. */
@Configuration(proxyBeanMethods = false)
class TermsWebConfiguration implements WebMvcConfigurer {

	private final TermsAcceptances acceptances;

	TermsWebConfiguration(TermsAcceptances acceptances) {
		this.acceptances = acceptances;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new TermsAcceptanceInterceptor(this.acceptances))
			.addPathPatterns("/mon-espace", "/mon-espace/**")
			.excludePathPatterns(TermsAcceptanceInterceptor.PAGE);
	}

}
