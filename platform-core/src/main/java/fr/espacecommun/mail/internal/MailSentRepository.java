package fr.espacecommun.mail.internal;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The record of mails sent (JPQL: the entity names its schema). */
interface MailSentRepository extends JpaRepository<MailSent, UUID> {

	/**
	 * Records the mail as sent, unless it is already: a concurrent, uncommitted record of
	 * the same mail makes this wait, then record nothing.
	 * @return 1 if recorded now, 0 if recorded before
	 */
	@Modifying
	@Query("""
			insert into MailSent (mailId, tenantId, sentAt) values (:id, :tenant, current_timestamp)
			on conflict (mailId) do nothing""")
	int claim(@Param("id") UUID mailId, @Param("tenant") String tenantId);

}
