/**
 * Severity ranking: a score that explains itself, one contribution per rule, so an operator can
 * see why an incident sits where it does in the queue.
 */
package kr.anshim.backend.ranking;
