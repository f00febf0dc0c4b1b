package kr.anshim.backend.responder;

import kr.anshim.api.ResponderKind;
import kr.anshim.api.ResponderView;

import java.time.Instant;
import java.util.UUID;

/**
 * One responder as the roster holds it: its facts, its status and its last known position.
 * Immutable; every change makes a new one.
 *
 * @param updatedAt  when the control centre last saw it change (its own clock)
 * @param reportedAt when the last accepted position was measured (the reporter's clock), or null
 */
record Tracked(String id, ResponderKind kind, String callSign, String baseName, String wardCode,
               double latitude, double longitude, ResponderStatus status, UUID incidentId,
               Instant updatedAt, Instant reportedAt) {

    ResponderView view() {
        return new ResponderView(id, kind.name(), callSign, baseName, wardCode, latitude, longitude, status.name(),
                updatedAt, incidentId);
    }

    Tracked movedTo(double newLatitude, double newLongitude, Instant measuredAt, Instant now) {
        return new Tracked(id, kind, callSign, baseName, wardCode, newLatitude, newLongitude, status, incidentId,
                now, measuredAt);
    }

    Tracked withStatus(ResponderStatus newStatus, UUID newIncidentId, Instant now) {
        return new Tracked(id, kind, callSign, baseName, wardCode, latitude, longitude, newStatus, newIncidentId,
                now, reportedAt);
    }
}
