package fr.espacecommun.web.internal;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Host names of the platform itself (operators' pages), as opposed to a commune's host.
 *
 * @param hosts the host names, without port
 */
@ConfigurationProperties("espace.platform")
record PlatformHosts(@DefaultValue( {
		"localhost", "127.0.0.1", "platform.localhost" }) List<String> hosts){

	boolean contains(String host) {
		return this.hosts.stream().anyMatch((candidate) -> candidate.toLowerCase(Locale.ROOT).equals(host));
	}

}
