package kr.anshim.backend.incident;

import java.time.Instant;
import java.util.UUID;

/**
 * One audited change of an incident, appended to {@code incident_transition}.
 *
 * @param kind STATUS, CALL_112, CALLBACK, NOTE, DISPATCH or REOPEN (a person took a closed incident back:
 *             from the status it ended in, to the one it resumes in, the note the reason)
 */
public record Transition(UUID incidentId, Instant at, String actor, String kind, String from, String to, String note) {

    public static final String SYSTEM = "system";

    public static Transition status(Incident before, Incident after, String actor, String note) {
        return new Transition(after.id(), after.updatedAt(), actor, "STATUS",
                before == null ? null : before.status().name(), after.status().name(), note);
    }
}
