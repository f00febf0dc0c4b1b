/**
 * The outbox of officer notifications: every message is stored with its delivery state before any
 * adapter sees it, delivered by one adapter per channel (SMS, e-mail, or the logging adapter, the
 * default), retried with backoff when an adapter fails, and never delivered twice by this system (a
 * message is claimed under a lease; adapters get its id as an idempotency key).
 */
package kr.anshim.backend.welfare.outbox;
