package fr.espacecommun.onboarding.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;

import fr.espacecommun.tenant.TenantDefinition;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Hash of everything the operator declared for a tenant, its file and its CGU text: the
 * registry keeps it, so a tenant served from the very same declaration is known.
 */
final class TenantConfigHash {

	private TenantConfigHash() {
	}

	static String of(TenantDefinition tenant) {
		try {
			MessageDigest digest = DigestUtils.getSha256Digest();
			digest.update(Files.readAllBytes(tenant.source()));
			digest.update(tenant.terms().sha256().getBytes(StandardCharsets.UTF_8));
			return Hex.encodeHexString(digest.digest());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot hash " + tenant.source(), ex);
		}
	}

}
