package kr.anshim.backend.incident;

import kr.anshim.api.IncidentCommand;
import kr.anshim.api.SignalType;
import kr.anshim.backend.ranking.Severity;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static kr.anshim.backend.incident.IncidentStatus.ACKNOWLEDGED;
import static kr.anshim.backend.incident.IncidentStatus.CANCELLED;
import static kr.anshim.backend.incident.IncidentStatus.DISPATCHED;
import static kr.anshim.backend.incident.IncidentStatus.EN_ROUTE;
import static kr.anshim.backend.incident.IncidentStatus.FALSE_ALARM;
import static kr.anshim.backend.incident.IncidentStatus.NEW;
import static kr.anshim.backend.incident.IncidentStatus.ON_SCENE;
import static kr.anshim.backend.incident.IncidentStatus.RESOLVED;

/**
 * The incident state machine: new → acknowledged → dispatched → en route → on scene → resolved,
 * with false alarm and cancelled as other ends. A dispatch must say on what basis it was made
 * (the resident's request or an alarm, and whether a crime risk was confirmed): that decides the
 * resident's fee ({@link kr.anshim.api.DispatchFee}), so it is never guessed. Pure: it computes the next incident and the audit
 * entries, or refuses with a message an operator can act on. Reopening is the correlator's
 * business (a new signal within the grace period), never a command.
 */
@Component
public class IncidentLifecycle {

    static final int MAX_NOTE = 2_000;

    public static final String CRITICAL_ONE_BY_ONE = "a critical incident is acknowledged in bulk only when selected itself";

    private static final Map<IncidentStatus, Set<IncidentStatus>> LEGAL = new EnumMap<>(IncidentStatus.class);

    static {
        LEGAL.put(NEW, EnumSet.of(ACKNOWLEDGED, FALSE_ALARM, CANCELLED));
        LEGAL.put(ACKNOWLEDGED, EnumSet.of(DISPATCHED, RESOLVED, FALSE_ALARM, CANCELLED));
        LEGAL.put(DISPATCHED, EnumSet.of(DISPATCHED, EN_ROUTE, RESOLVED, FALSE_ALARM, CANCELLED));
        LEGAL.put(EN_ROUTE, EnumSet.of(DISPATCHED, ON_SCENE, RESOLVED, FALSE_ALARM, CANCELLED));
        LEGAL.put(ON_SCENE, EnumSet.of(DISPATCHED, RESOLVED, FALSE_ALARM));
        LEGAL.put(RESOLVED, EnumSet.noneOf(IncidentStatus.class));
        LEGAL.put(FALSE_ALARM, EnumSet.noneOf(IncidentStatus.class));
        LEGAL.put(CANCELLED, EnumSet.noneOf(IncidentStatus.class));
    }

    /** What a command does: the incident after it, what to audit, and a dispatch to record. */
    public record Change(Incident after, List<Transition> transitions, Optional<Dispatch> dispatch) {
    }

    public static boolean legal(IncidentStatus from, IncidentStatus to) {
        return LEGAL.get(from).contains(to);
    }

    public Change apply(Incident before, IncidentCommand command, Instant now) {
        String actor = command.actor();
        if (actor == null || actor.isBlank()) {
            throw new IllegalTransitionException("every change needs an actor (who did it)");
        }
        String note = command.note() == null || command.note().isBlank() ? null : command.note().strip();
        if (note != null && note.length() > MAX_NOTE) {
            throw new IllegalTransitionException("a note may have at most " + MAX_NOTE + " characters");
        }
        return switch (command.action()) {
            case ACKNOWLEDGE -> acknowledge(before, command, actor, note, now);
            case EN_ROUTE -> status(before, EN_ROUTE, null, actor, note, now);
            case ON_SCENE -> status(before, ON_SCENE, null, actor, note, now);
            case FALSE_ALARM -> status(before, FALSE_ALARM, "FALSE_ALARM", actor, note, now);
            case CANCEL -> status(before, CANCELLED, null, actor, note, now);
            case RESOLVE -> status(before, RESOLVED, outcome(command.value()), actor, note, now);
            case DISPATCH -> dispatch(before, command, actor, note, now);
            case NOTE -> note(before, actor, note, now);
            case CALL_112 -> call112(before, command.value(), actor, note, now);
            case CALLBACK -> callback(before, command.value(), actor, note, now);
        };
    }

    private Change status(Incident before, IncidentStatus to, String outcome, String actor, String note, Instant now) {
        if (!legal(before.status(), to)) {
            throw new IllegalTransitionException("cannot go from " + before.status() + " to " + to
                    + "; allowed from " + before.status() + ": " + LEGAL.get(before.status()));
        }
        Incident after = before.withStatus(to, outcome, now);
        String detail = outcome == null || to == FALSE_ALARM ? note : join("outcome " + outcome, note);
        return new Change(after, List.of(Transition.status(before, after, actor, detail)), Optional.empty());
    }

    /** Part of a group acknowledgement ({@link IncidentCommand#BULK}): never a critical incident, which is looked at alone. */
    private Change acknowledge(Incident before, IncidentCommand command, String actor, String note, Instant now) {
        if (IncidentCommand.BULK.equals(command.value()) && before.ranking().severity() == Severity.CRITICAL) {
            throw new IllegalTransitionException(CRITICAL_ONE_BY_ONE);
        }
        return status(before, ACKNOWLEDGED, null, actor, note, now);
    }

    private Change dispatch(Incident before, IncidentCommand command, String actor, String note, Instant now) {
        if (command.responderId() == null || command.responderId().isBlank()) {
            throw new IllegalTransitionException("a dispatch names the responder to send");
        }
        if (command.residentRequested() == null) {
            throw new IllegalTransitionException("a dispatch says whether the resident requested it (25,000 won unless"
                    + " a crime risk is confirmed) or an alarm triggered it (free)");
        }
        if (!command.residentRequested() && !alarmRaised(before)) {
            throw new IllegalTransitionException("an alarm-triggered dispatch needs a device alarm; this incident holds"
                    + " only the resident's requests");
        }
        Change moved = status(before, DISPATCHED, null, actor, note, now);
        Dispatch.Trigger trigger = command.residentRequested() ? Dispatch.Trigger.RESIDENT_REQUEST : Dispatch.Trigger.ALARM;
        Dispatch dispatch = new Dispatch(UUID.randomUUID(), before.id(), command.responderId(), now, actor, trigger,
                command.crimeRiskConfirmed());
        List<Transition> transitions = new ArrayList<>(moved.transitions());
        transitions.add(new Transition(before.id(), now, actor, "DISPATCH", null, command.responderId(),
                join(trigger + (dispatch.crimeRiskConfirmed() ? ", crime risk confirmed" : "")
                        + (dispatch.feeWon() > 0 ? ", fee " + dispatch.feeWon() + " won" : ", free"), note)));
        return new Change(moved.after(), transitions, Optional.of(dispatch));
    }

    private Change note(Incident before, String actor, String note, Instant now) {
        if (note == null) {
            throw new IllegalTransitionException("a note needs text");
        }
        Incident after = before.touched(now);
        return new Change(after, List.of(new Transition(before.id(), now, actor, "NOTE", null, null, note)), Optional.empty());
    }

    private Change call112(Incident before, String value, String actor, String note, Instant now) {
        Call112Status to = parse(Call112Status.class, value, "112 hand-off status");
        if (!before.call112().canBecome(to)) {
            throw new IllegalTransitionException("112 hand-off cannot go from " + before.call112() + " to " + to);
        }
        Incident after = before.withCall112(to, now);
        return new Change(after, List.of(new Transition(before.id(), now, actor, "CALL_112", before.call112().name(),
                to.name(), note)), Optional.empty());
    }

    private Change callback(Incident before, String value, String actor, String note, Instant now) {
        CallbackStatus to = parse(CallbackStatus.class, value, "call-back status");
        if (!before.callback().canBecome(to)) {
            throw new IllegalTransitionException("call-back cannot go from " + before.callback() + " to " + to);
        }
        Incident after = before.withCallback(to, now);
        return new Change(after, List.of(new Transition(before.id(), now, actor, "CALLBACK", before.callback().name(),
                to.name(), note)), Optional.empty());
    }

    private static String outcome(String value) {
        return parse(Outcome.class, value, "outcome").name();
    }

    /**
     * A device raised it on its own (an abnormal signal: free dispatch), not only the resident's SOS
     * button or app. A bell or a voice keyword is the resident's cry for help under threat, raised by
     * a protection device, and counts as an alarm, as the programme treats it.
     */
    private static boolean alarmRaised(Incident incident) {
        return incident.signalCounts().keySet().stream().anyMatch(type -> !RESIDENT_REQUESTS.contains(type));
    }

    private static final Set<SignalType> RESIDENT_REQUESTS = EnumSet.of(SignalType.SOS_PRESSED, SignalType.APP_SOS);

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalTransitionException("missing " + what + "; one of " + EnumSet.allOf(type));
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalTransitionException("unknown " + what + " '" + value + "'; one of " + EnumSet.allOf(type));
        }
    }

    private static String join(String a, String b) {
        return b == null ? a : a + "; " + b;
    }
}
