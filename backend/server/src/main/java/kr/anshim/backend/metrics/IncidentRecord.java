package kr.anshim.backend.metrics;

import kr.anshim.api.ResponderKind;
import kr.anshim.backend.incident.Transition;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * One incident as stored, with what measuring needs: its facts, its {@code STATUS} and
 * {@code CALL_112} transitions oldest first, and the kind of its first dispatched responder.
 *
 * @param responderKind {@link ResponderKind} name of the first dispatch, null if never dispatched
 */
record IncidentRecord(UUID id, String wardCode, String family, String severity, Instant openedAt,
                      List<Transition> trail, String responderKind) {

    IncidentRecord {
        trail = List.copyOf(trail);
    }

    /** The kind from the responder table if it knows the responder, else from the id's prefix ({@code PC-}, {@code SG-}). */
    static String responderKind(String responderId, String kindInTable) {
        if (kindInTable != null) {
            return kindInTable;
        }
        if (responderId == null) {
            return null;
        }
        return Arrays.stream(ResponderKind.values())
                .filter(kind -> responderId.startsWith(kind.prefix() + "-"))
                .map(Enum::name)
                .findFirst()
                .orElse("UNKNOWN");
    }
}
