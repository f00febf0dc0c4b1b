package kr.anshim.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a screen needs to show one incident. Each change sends the whole incident again, so a
 * screen that missed an update is corrected by the next one. On the wire the enums are their
 * names ({@code "NEW"}, {@code "CRITICAL"}), as they always were.
 *
 * @param id         incident id
 * @param wardCode   MOIS ward code, e.g. {@code 11440} for 마포구
 * @param latitude   WGS84 latitude of the household (or of the first loiterer for a prowler)
 * @param longitude  WGS84 longitude
 * @param kind       what kind of incident
 * @param severity   the band the score falls in
 * @param score      the ranking score; higher first
 * @param status     lifecycle state
 * @param family     device family of the signal that opened it
 * @param lastSignal the latest signal type
 * @param signals    how many signals it holds
 * @param openedAt   when it was opened
 * @param updatedAt  when it last changed
 * @param reasons    each ranking rule's contribution, e.g. {@code "DOOR_FORCED +70"}
 * @param call112    the 112 hand-off to police
 * @param callback   the call-back to the resident
 * @param outcome    how it ended, once closed, else null
 * @param version    grows with every change of this incident (stored with it): of two states of one
 *                   incident, the one with the higher version is newer
 * @param protectedPerson a stalking victim or person under police protection lives there; for a
 *                   police liaison the position is then coarsened to a 500 m grid cell's centre
 *                   until police accept an operator's 112 hand-off
 * @param escalated  a critical incident left unacknowledged too long: escalated to the supervisor
 * @param households how many households' doors it spans: 1, or more for a prowler seen at several doors
 * @param householdId the household it happened at (an opaque registry id, no identity), null for a
 *                   prowler incident spanning several doors; screens group a flood of alarms by it
 * @param next       what the receiving user may do next (worked out by the backend for that user's
 *                   role); {@link NextSteps#NONE} where no user is addressed
 * @param closedAt   when it ended (resolved, false alarm, cancelled), else null
 */
public record IncidentView(UUID id, String wardCode, double latitude, double longitude, IncidentKind kind,
                           Severity severity, int score, IncidentStatus status, DeviceFamily family, SignalType lastSignal,
                           int signals, Instant openedAt, Instant updatedAt, List<String> reasons,
                           Call112Status call112, CallbackStatus callback, Outcome outcome, long version,
                           boolean protectedPerson, boolean escalated, int households, String householdId,
                           NextSteps next, Instant closedAt) {

    public IncidentView {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        next = next == null ? NextSteps.NONE : next;
        households = Math.max(households, 1);
    }

    /** An incident not known to have ended. */
    public IncidentView(UUID id, String wardCode, double latitude, double longitude, IncidentKind kind,
                        Severity severity, int score, IncidentStatus status, DeviceFamily family, SignalType lastSignal,
                        int signals, Instant openedAt, Instant updatedAt, List<String> reasons,
                        Call112Status call112, CallbackStatus callback, Outcome outcome, long version,
                        boolean protectedPerson, boolean escalated, int households, String householdId, NextSteps next) {
        this(id, wardCode, latitude, longitude, kind, severity, score, status, family, lastSignal, signals, openedAt,
                updatedAt, reasons, call112, callback, outcome, version, protectedPerson, escalated, households, householdId,
                next, null);
    }

    /** An incident at no protected person's home, of one household, not escalated, for nobody in particular. */
    public IncidentView(UUID id, String wardCode, double latitude, double longitude, IncidentKind kind,
                        Severity severity, int score, IncidentStatus status, DeviceFamily family, SignalType lastSignal,
                        int signals, Instant openedAt, Instant updatedAt, List<String> reasons,
                        Call112Status call112, CallbackStatus callback, Outcome outcome, long version) {
        this(id, wardCode, latitude, longitude, kind, severity, score, status, family, lastSignal, signals, openedAt,
                updatedAt, reasons, call112, callback, outcome, version, false, false, 1, null, NextSteps.NONE, null);
    }

    /** The same incident shown at another position (a coarsened one). */
    public IncidentView at(double newLatitude, double newLongitude) {
        return new IncidentView(id, wardCode, newLatitude, newLongitude, kind, severity, score, status, family,
                lastSignal, signals, openedAt, updatedAt, reasons, call112, callback, outcome, version, protectedPerson,
                escalated, households, householdId, next, closedAt);
    }

    /** The same incident without its household id: for a screen that may not link it to a protected person's home. */
    public IncidentView withoutHousehold() {
        return new IncidentView(id, wardCode, latitude, longitude, kind, severity, score, status, family,
                lastSignal, signals, openedAt, updatedAt, reasons, call112, callback, outcome, version, protectedPerson,
                escalated, households, null, next, closedAt);
    }

    /** The same incident with what its receiver may do next. */
    public IncidentView with(NextSteps steps) {
        return new IncidentView(id, wardCode, latitude, longitude, kind, severity, score, status, family,
                lastSignal, signals, openedAt, updatedAt, reasons, call112, callback, outcome, version, protectedPerson,
                escalated, households, householdId, steps, closedAt);
    }

    /** A prowler seen at several households' doors, so it belongs to no one household. */
    public boolean spansHouseholds() {
        return households > 1;
    }
}
