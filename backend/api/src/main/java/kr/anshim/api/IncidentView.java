package kr.anshim.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a screen needs to show one incident. Each change sends the whole incident again, so a
 * screen that missed an update is corrected by the next one.
 *
 * @param id         incident id
 * @param wardCode   MOIS ward code, e.g. {@code 11440} for 마포구
 * @param latitude   WGS84 latitude of the household (or of the first loiterer for a prowler)
 * @param longitude  WGS84 longitude
 * @param kind       what kind of incident, e.g. {@code INTRUSION}
 * @param severity   {@code CRITICAL}, {@code HIGH}, {@code MEDIUM} or {@code LOW}
 * @param score      the ranking score; higher first
 * @param status     lifecycle state, e.g. {@code NEW}
 * @param family     device family of the signal that opened it
 * @param lastSignal the latest signal type
 * @param signals    how many signals it holds
 * @param openedAt   when it was opened
 * @param updatedAt  when it last changed
 * @param reasons    each ranking rule's contribution, e.g. {@code "DOOR_FORCED +70"}
 * @param call112    the 112 hand-off to police: NOT_REQUESTED, REQUESTED, ACCEPTED, PATROL_ASSIGNED
 * @param callback   the call-back to the resident: NOT_TRIED, CALLING, REACHED, NO_ANSWER
 * @param outcome    how it ended, once resolved, else null
 * @param version    grows with every change of this incident (stored with it): of two states of one
 *                   incident, the one with the higher version is newer
 * @param protectedPerson a stalking victim or person under police protection lives there; for a
 *                   police liaison the position is then coarsened to a 500 m grid cell's centre
 *                   until police accept an operator's 112 hand-off
 * @param householdId the household it happened at (an opaque registry id, no identity), null for a
 *                   prowler incident spanning several doors; screens group a flood of alarms by it
 */
public record IncidentView(UUID id, String wardCode, double latitude, double longitude, String kind,
                           String severity, int score, String status, String family, String lastSignal,
                           int signals, Instant openedAt, Instant updatedAt, List<String> reasons,
                           String call112, String callback, String outcome, long version, boolean protectedPerson,
                           String householdId) {

    public IncidentView {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** An incident at no protected person's home. */
    public IncidentView(UUID id, String wardCode, double latitude, double longitude, String kind,
                        String severity, int score, String status, String family, String lastSignal,
                        int signals, Instant openedAt, Instant updatedAt, List<String> reasons,
                        String call112, String callback, String outcome, long version) {
        this(id, wardCode, latitude, longitude, kind, severity, score, status, family, lastSignal, signals, openedAt,
                updatedAt, reasons, call112, callback, outcome, version, false, null);
    }

    /** The same incident shown at another position (a coarsened one). */
    public IncidentView at(double newLatitude, double newLongitude) {
        return new IncidentView(id, wardCode, newLatitude, newLongitude, kind, severity, score, status, family,
                lastSignal, signals, openedAt, updatedAt, reasons, call112, callback, outcome, version, protectedPerson,
                householdId);
    }

    /** The same incident without its household id: for a screen that may not link it to a protected person's home. */
    public IncidentView withoutHousehold() {
        return new IncidentView(id, wardCode, latitude, longitude, kind, severity, score, status, family,
                lastSignal, signals, openedAt, updatedAt, reasons, call112, callback, outcome, version, protectedPerson, null);
    }
}
