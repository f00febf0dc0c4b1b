package kr.anshim.backend.metrics;

import kr.anshim.api.IncidentStatus;
import kr.anshim.backend.incident.Transition;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The response times of one incident, read off its audit trail. Every measure is a difference of
 * two stored timestamps, so it is exact and can be recomputed for any past period; a step that
 * never happened leaves its measures null, never zero.
 * <ul>
 *   <li>opened: the {@code STATUS} transition from nothing to {@code NEW} (the alarm was received);</li>
 *   <li>acknowledge, dispatch, response (on scene), clear (first of resolved, false alarm,
 *   cancelled): the first {@code STATUS} transition to that state, minus opened;</li>
 *   <li>turnout: first en route minus first dispatched; travel: first on scene minus first en route;</li>
 *   <li>112 hand-off: the first {@code CALL_112} to {@code ACCEPTED} minus the {@code REQUESTED}
 *   that preceded it (a request withdrawn and made again counts from the request police accepted).</li>
 * </ul>
 * After a reopen, the first occurrence of each step still counts, so a reopened incident keeps
 * the times of its first handling.
 *
 * @param openedAt   when it was opened, null if the trail has no opening
 * @param operator   the actor of the first acknowledgement, null if never acknowledged
 */
record ResponseTimes(Instant openedAt, String operator, Duration acknowledge, Duration dispatch, Duration handOff112,
                     Duration turnout, Duration travel, Duration response, Duration clear) {


    /** From the incident's transitions in the order they were appended (oldest first). */
    static ResponseTimes of(List<Transition> trail) {
        Steps steps = new Steps();
        trail.forEach(steps::see);
        return new ResponseTimes(steps.opened, steps.operator,
                between(steps.opened, steps.acknowledged), between(steps.opened, steps.dispatched),
                between(steps.requested112, steps.accepted112), between(steps.dispatched, steps.enRoute),
                between(steps.enRoute, steps.onScene), between(steps.opened, steps.onScene),
                between(steps.opened, steps.ended));
    }

    private static Duration between(Instant start, Instant end) {
        return start == null || end == null ? null : Duration.between(start, end);
    }

    /** The first time each step was reached. */
    private static final class Steps {
        Instant opened;
        Instant acknowledged;
        String operator;
        Instant dispatched;
        Instant enRoute;
        Instant onScene;
        Instant ended;
        Instant requested112;
        Instant accepted112;

        void see(Transition t) {
            if ("STATUS".equals(t.kind())) {
                status(t);
            } else if ("CALL_112".equals(t.kind()) && accepted112 == null) {
                if ("REQUESTED".equals(t.to())) {
                    requested112 = t.at();
                } else if ("ACCEPTED".equals(t.to()) && requested112 != null) {
                    accepted112 = t.at();
                }
            }
        }

        private void status(Transition t) {
            String to = t.to();
            if (t.from() == null && "NEW".equals(to)) {
                opened = opened == null ? t.at() : opened;
            } else if ("ACKNOWLEDGED".equals(to) && acknowledged == null) {
                acknowledged = t.at();
                operator = t.actor();
            } else if ("DISPATCHED".equals(to)) {
                dispatched = dispatched == null ? t.at() : dispatched;
            } else if ("EN_ROUTE".equals(to)) {
                enRoute = enRoute == null ? t.at() : enRoute;
            } else if ("ON_SCENE".equals(to)) {
                onScene = onScene == null ? t.at() : onScene;
            } else if (IncidentStatus.isClosed(to)) {
                ended = ended == null ? t.at() : ended;
            }
        }
    }
}
