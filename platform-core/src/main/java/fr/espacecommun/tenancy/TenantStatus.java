package fr.espacecommun.tenancy;

/** Where a tenant stands in the platform's registry. */
public enum TenantStatus {

	/** Provisioned and serving citizens. */
	SERVING,
	/** Declared, provisioning not finished yet. */
	PENDING,
	/** Its configuration was refused; see the registry's last error. */
	REFUSED,
	/** Stopped by an operator. */
	SUSPENDED

}
