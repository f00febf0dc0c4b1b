package kr.anshim.api.welfare;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A registered visit as screens see it.
 *
 * @param status     SCHEDULED_OR_OUT, OVERDUE, OVERDUE_POLICE, PANIC or CHECKED_IN
 * @param latitude   the team's last reported position, null until one is reported
 * @param incidentId the incident its overrun or panic opened, else null
 */
public record VisitView(UUID id, String householdId, String wardCode, List<String> team, String registeredBy,
                        Instant start, Instant expectedReturn, String status, Instant checkedInAt,
                        Double latitude, Double longitude, Instant positionAt, UUID incidentId) {

    public VisitView {
        team = team == null ? List.of() : List.copyOf(team);
    }
}
