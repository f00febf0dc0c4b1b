package kr.anshim.backend.metrics;

import kr.anshim.backend.incident.Transition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Builds an incident's audit trail for tests, step by step, at offsets from its opening. */
final class Trails {

    private final UUID id = UUID.randomUUID();
    private final Instant opened;
    private final List<Transition> trail = new ArrayList<>();
    private String status = "NEW";

    private Trails(Instant opened) {
        this.opened = opened;
        trail.add(new Transition(id, opened, Transition.SYSTEM, "STATUS", null, "NEW", "opened"));
    }

    static Trails openedAt(String instant) {
        return new Trails(Instant.parse(instant));
    }

    static Trails openedAt(Instant instant) {
        return new Trails(instant);
    }

    /** A status change {@code after} the opening, by {@code actor}. */
    Trails status(String to, Duration after, String actor) {
        trail.add(new Transition(id, opened.plus(after), actor, "STATUS", status, to, null));
        status = to;
        return this;
    }

    Trails status(String to, Duration after) {
        return status(to, after, "op-kim");
    }

    Trails other(String kind, String from, String to, Duration after) {
        trail.add(new Transition(id, opened.plus(after), "police-lee", kind, from, to, null));
        return this;
    }

    List<Transition> trail() {
        return List.copyOf(trail);
    }

    IncidentRecord record(String ward, String family, String severity, String responderKind) {
        return new IncidentRecord(id, ward, family, severity, opened, trail, responderKind);
    }

    MeasuredIncident measured(String ward) {
        return MeasuredIncident.of(record(ward, "DOOR_CAMERA", "HIGH", null));
    }

    static Duration s(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1_000_000_000L));
    }
}
