package fr.espacecommun.terms.internal;

import fr.espacecommun.terms.TermsRenderer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes the CGU renderer (and its cache) one shared bean. */
@Configuration(proxyBeanMethods = false)
class TermsConfiguration {

	@Bean
	TermsRenderer termsRenderer() {
		return new TermsRenderer();
	}

}
