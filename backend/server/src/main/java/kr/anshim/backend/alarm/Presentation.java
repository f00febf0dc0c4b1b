package kr.anshim.backend.alarm;

import java.time.Instant;
import java.util.UUID;

/**
 * An incident presented to a console: opened or reopened (a transition to NEW) at {@code at}.
 *
 * @param source   the household, or for an incident without one (a prowler) its first device
 * @param severity the incident's severity as stored
 */
record Presentation(UUID incidentId, String wardCode, String source, String severity, Instant at) {
}
