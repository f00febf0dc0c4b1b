package kr.anshim.api;

import java.time.Instant;

/** One entry of an incident's audit trail: who changed what, when, from what to what, and why. */
public record TransitionView(long sequence, Instant at, String actor, String kind, String from, String to, String note) {
}
