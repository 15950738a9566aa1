/**
 * Durable outbox: the follow-up work of a commit (mails, realm updates) is kept in
 * {@code platform.event_publication} by Spring Modulith's event publication registry, in
 * the committing transaction, and retried until its listener completes.
 */
@NullMarked
package fr.espacecommun.outbox;

import org.jspecify.annotations.NullMarked;
