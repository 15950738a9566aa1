package fr.espacecommun.address.internal;

import fr.espacecommun.address.AddressSearch;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the address search over the Base Adresse Nationale. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AddressProperties.class)
class AddressConfiguration {

	@Bean
	AddressSearch addressSearch(AddressProperties properties) {
		return new BanAddressSearch(properties);
	}

}
