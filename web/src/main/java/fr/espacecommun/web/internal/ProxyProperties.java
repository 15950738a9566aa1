package fr.espacecommun.web.internal;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.catalina.util.NetMask;
import org.apache.catalina.valves.RemoteIpValve;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reverse proxies whose forwarded headers the platform believes. A request from one
 * of these addresses may say, in {@code X-Forwarded-For}, {@code X-Forwarded-Proto} and
 * {@code X-Forwarded-Port}, who the client is and that it came over HTTPS; from any other
 * address those headers change nothing. {@code X-Forwarded-Host} is never read, whoever
 * sends it: the commune is the one of the {@code Host} header, which the proxy passes
 * (nginx: {@code proxy_set_header Host $host}).
 *
 * @param trustedAddresses IP addresses ({@code 10.0.0.5}, {@code ::1}) or CIDR blocks
 * ({@code 10.0.0.0/24}) of the proxies; empty (the default): no forwarded header is
 * believed
 */
@ConfigurationProperties("espace.proxy")
record ProxyProperties(@DefaultValue List<String> trustedAddresses) {

	/**
	 * An IPv4 address in dotted form or an IPv6 one (it has a colon), then an optional
	 * prefix length: never a name, which would be looked up in the DNS.
	 */
	private static final Pattern ADDRESS = Pattern
		.compile("([0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)(/[0-9]{1,3})?");

	ProxyProperties {
		trustedAddresses = trustedAddresses.stream().map(String::strip).filter((entry) -> !entry.isEmpty()).toList();
		trustedAddresses.forEach(ProxyProperties::check);
	}

	/**
	 * The valve that reads the forwarded headers of the trusted proxies, or none when no
	 * proxy is trusted.
	 */
	Optional<RemoteIpValve> remoteIpValve() {
		if (this.trustedAddresses.isEmpty()) {
			return Optional.empty();
		}
		RemoteIpValve valve = new RemoteIpValve();
		// every entry with its prefix: Tomcat reads the list as CIDR blocks (an address
		// without one would make it read the whole list as a regular expression)
		valve.setInternalProxies(this.trustedAddresses.stream()
			.map((entry) -> entry.contains("/") ? entry : entry + (entry.contains(":") ? "/128" : "/32"))
			.collect(Collectors.joining(",")));
		valve.setTrustedProxies(null);
		valve.setRemoteIpHeader("X-Forwarded-For");
		valve.setProtocolHeader("X-Forwarded-Proto");
		valve.setPortHeader("X-Forwarded-Port");
		// the tenant comes from Host only: a proxy passing the client's X-Forwarded-Host
		// through must not let the client pick the commune
		valve.setHostHeader(null);
		return Optional.of(valve);
	}

	private static void check(String entry) {
		boolean valid = ADDRESS.matcher(entry).matches();
		if (valid) {
			try {
				new NetMask(entry);
			}
			catch (IllegalArgumentException ex) {
				valid = false;
			}
		}
		if (!valid) {
			throw new IllegalArgumentException("espace.proxy.trusted-addresses : « " + entry
					+ " » n'est ni une adresse IP ni un bloc CIDR. Indiquez l'adresse du proxy (10.0.0.5, ::1) "
					+ "ou son réseau (10.0.0.0/24), sans nom d'hôte ; laissez la liste vide sans proxy.");
		}
	}

}
