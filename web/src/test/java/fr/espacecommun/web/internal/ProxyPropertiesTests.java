package fr.espacecommun.web.internal;

import java.util.List;

import org.apache.catalina.valves.RemoteIpValve;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code espace.proxy.trusted-addresses}: none by default, so that no forwarded header is
 * believed; the valve built for a list believes X-Forwarded-For, -Proto and -Port from
 * those addresses only, never X-Forwarded-Host; a name or a malformed entry is refused in
 * French before the platform starts.
 */
class ProxyPropertiesTests {

	@Test
	void trustedAddressesWhenNotSetThenNoValveSoNoForwardedHeaderBelieved() {
		ProxyProperties defaults = Binder.get(new org.springframework.core.env.StandardEnvironment())
			.bindOrCreate("espace.proxy", Bindable.of(ProxyProperties.class));

		assertThat(defaults.trustedAddresses()).isEmpty();
		assertThat(defaults.remoteIpValve()).isEmpty();
	}

	@Test
	void trustedAddressesWhenSetFromTheEnvironmentThenValveForThemOnly() {
		ProxyProperties proxy = new Binder(new MapConfigurationPropertySource(
				java.util.Map.of("espace.proxy.trusted-addresses", "10.0.0.5, 192.168.10.0/24,::1")))
			.bindOrCreate("espace.proxy", Bindable.of(ProxyProperties.class));

		RemoteIpValve valve = proxy.remoteIpValve().orElseThrow();

		assertThat(valve.getInternalProxies()).isEqualTo("10.0.0.5/32, 192.168.10.0/24, ::1/128");
		assertThat(valve.getTrustedProxies()).isNull();
		assertThat(valve.getRemoteIpHeader()).isEqualTo("X-Forwarded-For");
		assertThat(valve.getProtocolHeader()).isEqualTo("X-Forwarded-Proto");
		assertThat(valve.getPortHeader()).isEqualTo("X-Forwarded-Port");
		assertThat(valve.getHostHeader()).as("the commune comes from Host only").isNull();
	}

	@Test
	void trustedAddressesWhenANameOrAMalformedEntryThenRefusedInFrench() {
		for (String entry : List.of("proxy.internal", "cafe", "10.0.0.300", "10.0.0.0/33", "10.0.0.1;80", "*")) {
			assertThatIllegalArgumentException().as(entry)
				.isThrownBy(() -> new ProxyProperties(List.of(entry)))
				.withMessageContaining("espace.proxy.trusted-addresses")
				.withMessageContaining("« " + entry + " »")
				.withMessageContaining("n'est ni une adresse IP ni un bloc CIDR");
		}
	}

}
