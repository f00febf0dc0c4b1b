package kr.anshim.backend.ranking;

import kr.anshim.api.Severity;

import kr.anshim.api.SignalType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SeverityRankingTest {

    private final SeverityRanking ranking = new SeverityRanking();
    /** 14:00 in Seoul: daytime, no night modifier. */
    private final Instant afternoon = Instant.parse("2026-11-23T05:00:00Z");
    /** 02:00 in Seoul. */
    private final Instant night = Instant.parse("2026-11-22T17:00:00Z");

    @Test
    void loitering_alone_in_the_afternoon_is_medium_and_explains_itself() {
        Ranking r = ranking.rank(facts(Map.of(SignalType.LOITERING, 1), 1, false, afternoon, false), afternoon);
        assertThat(r.score()).isEqualTo(30);
        assertThat(r.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(r.reasons()).containsExactly("LOITERING +30");
    }

    @Test
    void a_bell_is_critical_on_its_own() {
        Ranking r = ranking.rank(facts(Map.of(SignalType.BELL_PRESSED, 1), 1, false, afternoon, false), afternoon);
        assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void a_forced_door_at_a_protected_persons_home_at_night_with_a_second_device_adds_every_modifier() {
        Ranking r = ranking.rank(facts(Map.of(SignalType.LOITERING, 1, SignalType.DOOR_FORCED, 1), 2, true, night, false), night);
        assertThat(r.reasons()).containsExactly("DOOR_FORCED +75", "PROTECTED_PERSON +20", "NIGHT +10",
                "REPETITION +3", "CORROBORATED +15");
        assertThat(r.score()).isEqualTo(123);
        assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void an_unacknowledged_incident_climbs_with_age_up_to_a_cap() {
        RankingFacts waiting = facts(Map.of(SignalType.LOITERING, 1), 1, false, afternoon, true);
        assertThat(ranking.rank(waiting, afternoon).score()).isEqualTo(30);
        assertThat(ranking.rank(waiting, afternoon.plus(Duration.ofMinutes(5))).score()).isEqualTo(40);
        assertThat(ranking.rank(waiting, afternoon.plus(Duration.ofHours(3))).score()).isEqualTo(60);
    }

    @Test
    void a_critical_incident_unacknowledged_for_a_minute_is_escalated_to_the_supervisor() {
        RankingFacts bell = facts(Map.of(SignalType.BELL_PRESSED, 1), 1, false, afternoon, true);
        assertThat(ranking.rank(bell, afternoon.plusSeconds(59)).reasons()).containsExactly("BELL_PRESSED +95");
        assertThat(ranking.rank(bell, afternoon.plusSeconds(60)).reasons())
                .containsExactly("BELL_PRESSED +95", "ESCALATED_TO_SUPERVISOR +10", "UNACKNOWLEDGED_AGE +2");
        RankingFacts acknowledged = facts(Map.of(SignalType.BELL_PRESSED, 1), 1, false, afternoon, false);
        assertThat(ranking.rank(acknowledged, afternoon.plusSeconds(600)).reasons()).containsExactly("BELL_PRESSED +95");
    }

    @Test
    void repetition_is_capped() {
        Ranking r = ranking.rank(facts(Map.of(SignalType.MOTION, 50), 1, false, afternoon, false), afternoon);
        assertThat(r.reasons()).containsExactly("MOTION +5", "REPETITION +15");
    }

    private static RankingFacts facts(Map<SignalType, Integer> counts, int devices, boolean protectedPerson,
                                      Instant at, boolean awaitingAck) {
        return new RankingFacts(counts, devices, protectedPerson, at, at, awaitingAck, 1);
    }
}
