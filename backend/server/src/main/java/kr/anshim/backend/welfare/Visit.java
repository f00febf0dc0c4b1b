package kr.anshim.backend.welfare;

import kr.anshim.api.welfare.VisitView;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A registered visit of a two-person team; immutable, each change makes a new one. */
record Visit(UUID id, String householdId, String wardCode, List<String> team, String teamPhone, String registeredBy,
             Instant start, Instant expectedReturn, Status status, Instant checkedInAt,
             Double latitude, Double longitude, Instant positionAt, UUID incidentId) {

    enum Status {
        OUT, OVERDUE, OVERDUE_POLICE, PANIC, CHECKED_IN;

        boolean open() {
            return this != CHECKED_IN;
        }
    }

    Visit {
        team = List.copyOf(team);
    }

    Visit withStatus(Status next, UUID incident) {
        return new Visit(id, householdId, wardCode, team, teamPhone, registeredBy, start, expectedReturn, next,
                next == Status.CHECKED_IN ? checkedInAt : null, latitude, longitude, positionAt,
                incident == null ? incidentId : incident);
    }

    Visit checkedIn(Instant at) {
        return new Visit(id, householdId, wardCode, team, teamPhone, registeredBy, start, expectedReturn, Status.CHECKED_IN,
                at, latitude, longitude, positionAt, incidentId);
    }

    Visit at(double lat, double lon, Instant when) {
        return new Visit(id, householdId, wardCode, team, teamPhone, registeredBy, start, expectedReturn, status,
                checkedInAt, lat, lon, when, incidentId);
    }

    VisitView view() {
        return new VisitView(id, householdId, wardCode, team, registeredBy, start, expectedReturn, status.name(),
                checkedInAt, latitude, longitude, positionAt, incidentId);
    }
}
