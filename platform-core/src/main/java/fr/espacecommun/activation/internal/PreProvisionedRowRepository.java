package fr.espacecommun.activation.internal;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The {@code pre_provisioned_account} rows of the current tenant. */
public interface PreProvisionedRowRepository extends JpaRepository<PreProvisionedRow, String> {

	List<PreProvisionedRow> findByKeycloakUserIdOrderByCreatedAt(String keycloakUserId);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("delete from PreProvisionedRow p where p.keycloakUserId = :user")
	int deleteByUser(@Param("user") String userId);

}
