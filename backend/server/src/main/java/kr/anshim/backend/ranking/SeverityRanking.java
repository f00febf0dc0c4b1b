package kr.anshim.backend.ranking;

import kr.anshim.api.SignalType;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Scores an incident from its signals. The strongest signal sets the base (a bell or forced door
 * outranks loitering); modifiers add for a protected person, night time, repetition, a second
 * device agreeing and, while nobody has acknowledged it, age. Pure and clock-free: the caller
 * passes "now", so tests and virtual time decide what time it is.
 */
@Component
public class SeverityRanking {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    private static final Map<SignalType, Integer> BASE = new EnumMap<>(SignalType.class);

    static {
        BASE.put(SignalType.HEARTBEAT, 0);
        BASE.put(SignalType.MOTION, 5);
        BASE.put(SignalType.LOW_BATTERY, 5);
        BASE.put(SignalType.DEVICE_OFFLINE, 20);
        BASE.put(SignalType.PROTECTION_GAP, 65);
        BASE.put(SignalType.DOOR_LEFT_OPEN, 20);
        BASE.put(SignalType.LOITERING, 30);
        BASE.put(SignalType.LOCK_FAILURE, 30);
        BASE.put(SignalType.TAMPER, 40);
        BASE.put(SignalType.WRONG_CODES, 50);
        BASE.put(SignalType.FORCED_ENTRY, 75);
        BASE.put(SignalType.DOOR_FORCED, 75);
        BASE.put(SignalType.APP_SOS, 80);
        BASE.put(SignalType.SOS_PRESSED, 85);
        BASE.put(SignalType.VOICE_KEYWORD, 95);
        BASE.put(SignalType.BELL_PRESSED, 95);
        // welfare: not an emergency by default (MEDIUM), HIGH once a further day passes unanswered
        BASE.put(SignalType.INACTIVITY, 45);
        BASE.put(SignalType.INACTIVITY_UNANSWERED, 65);
        BASE.put(SignalType.VISIT_OVERDUE, 60);
        BASE.put(SignalType.VISIT_OVERDUE_POLICE, 80);
        BASE.put(SignalType.VISIT_PANIC, 95);
    }

    static final int PROTECTED_PERSON = 20;
    static final int NIGHT = 10;
    static final int REPETITION_EACH = 3;
    static final int REPETITION_MAX = 15;
    static final int CORROBORATION = 15;
    static final int SEVERAL_DOORS_EACH = 10;
    static final int SEVERAL_DOORS_MAX = 30;
    static final int AGE_PER_MINUTE = 2;
    static final int AGE_MAX = 30;
    static final int ESCALATION = 10;
    static final int INACTIVE_DOOR_OPEN = 20;

    public Ranking rank(RankingFacts facts, Instant now) {
        List<Contribution> contributions = new ArrayList<>();
        SignalType top = strongest(facts.signalCounts());
        contributions.add(new Contribution(top.name(), base(top)));
        if (facts.protectedPerson()) {
            contributions.add(new Contribution("PROTECTED_PERSON", PROTECTED_PERSON));
        }
        if (isNight(facts.lastSignalAt())) {
            contributions.add(new Contribution("NIGHT", NIGHT));
        }
        int repeats = facts.totalSignals() - 1;
        if (repeats > 0) {
            contributions.add(new Contribution("REPETITION", Math.min(REPETITION_MAX, repeats * REPETITION_EACH)));
        }
        if (facts.distinctDevices() > 1) {
            contributions.add(new Contribution("CORROBORATED", CORROBORATION));
        }
        if (inactiveWithDoorOpen(facts.signalCounts())) {
            // nobody has used the phone for days and the door stands open: worse than either alone
            contributions.add(new Contribution("INACTIVE_DOOR_OPEN", INACTIVE_DOOR_OPEN));
        }
        if (facts.doors() > 1) {
            contributions.add(new Contribution("SEVERAL_DOORS", Math.min(SEVERAL_DOORS_MAX, (facts.doors() - 1) * SEVERAL_DOORS_EACH)));
        }
        if (facts.awaitingAck()) {
            long minutes = Duration.between(facts.openedAt(), now).toMinutes();
            int sofar = contributions.stream().mapToInt(Contribution::points).sum();
            if (minutes > 0 && Severity.of(sofar) == Severity.CRITICAL) {
                // a critical incident nobody acknowledged within a minute goes to the supervisor's screen
                contributions.add(new Contribution("ESCALATED_TO_SUPERVISOR", ESCALATION));
            }
            if (minutes > 0) {
                contributions.add(new Contribution("UNACKNOWLEDGED_AGE", (int) Math.min(AGE_MAX, minutes * AGE_PER_MINUTE)));
            }
        }
        int score = contributions.stream().mapToInt(Contribution::points).sum();
        return new Ranking(score, Severity.of(score), contributions);
    }

    private static boolean inactiveWithDoorOpen(Map<SignalType, Integer> counts) {
        return counts.containsKey(SignalType.DOOR_LEFT_OPEN)
                && (counts.containsKey(SignalType.INACTIVITY) || counts.containsKey(SignalType.INACTIVITY_UNANSWERED));
    }

    /** The signal type with the highest base score. */
    public static SignalType strongest(Map<SignalType, Integer> counts) {
        // ties (e.g. LOITERING and LOCK_FAILURE) go to the later type in SignalType, never to map order
        return counts.keySet().stream()
                .max(Comparator.comparingInt(SeverityRanking::base).thenComparing(Enum::ordinal))
                .orElse(SignalType.HEARTBEAT);
    }

    public static int base(SignalType type) {
        return BASE.getOrDefault(type, 0);
    }

    static boolean isNight(Instant at) {
        LocalTime local = at.atZone(SEOUL).toLocalTime();
        return local.getHour() >= 22 || local.getHour() < 6;
    }
}
