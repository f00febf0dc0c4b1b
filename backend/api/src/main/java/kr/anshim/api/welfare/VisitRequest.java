package kr.anshim.api.welfare;

import java.time.Instant;
import java.util.List;

/**
 * A visit of a two-person team to a household.
 *
 * @param householdId    the visited household (registered)
 * @param team           the two visitors' names (or usernames); exactly two
 * @param teamPhone      the number the control room calls first when the team is overdue
 * @param start          when the visit starts
 * @param expectedReturn when the team expects to be back; after it the visit is overdue
 */
public record VisitRequest(String householdId, List<String> team, String teamPhone, Instant start, Instant expectedReturn) {

    public VisitRequest {
        team = team == null ? List.of() : List.copyOf(team);
    }
}
