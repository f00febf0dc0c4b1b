package kr.anshim.backend.metrics;

import kr.anshim.api.ResponseTimeRow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static kr.anshim.backend.metrics.Trails.s;
import static org.assertj.core.api.Assertions.assertThat;

class ResponseTimesTest {

    /** Opened 07:00 Seoul time: acknowledged, 112 requested, withdrawn and requested again, dispatched twice. */
    private static final Trails FULL = Trails.openedAt("2025-11-20T22:00:00Z")
            .status("ACKNOWLEDGED", s(12.5), "op-kim")
            .other("CALLBACK", "NOT_TRIED", "CALLING", s(20))
            .other("CALL_112", "NOT_REQUESTED", "REQUESTED", s(30))
            .other("CALL_112", "REQUESTED", "NOT_REQUESTED", s(40))
            .other("CALL_112", "NOT_REQUESTED", "REQUESTED", s(50))
            .status("DISPATCHED", s(55), "op-park")
            .other("DISPATCH", null, "SG-11440-01", s(55))
            .status("EN_ROUTE", s(85))
            .other("CALL_112", "REQUESTED", "ACCEPTED", s(110))
            .other("CALL_112", "ACCEPTED", "PATROL_ASSIGNED", s(170))
            .status("ON_SCENE", s(295.000001))
            .status("DISPATCHED", s(300))
            .status("EN_ROUTE", s(400))
            .status("ON_SCENE", s(500))
            .status("RESOLVED", s(900), "op-park");

    @Test
    void every_measure_is_the_difference_of_the_first_timestamps_of_its_two_steps() {
        ResponseTimes times = ResponseTimes.of(FULL.trail());

        assertThat(times.openedAt()).isEqualTo(Instant.parse("2025-11-20T22:00:00Z"));
        assertThat(times.operator()).isEqualTo("op-kim");
        assertThat(times.acknowledge()).isEqualTo(Duration.ofMillis(12_500));
        assertThat(times.dispatch()).isEqualTo(Duration.ofSeconds(55));
        assertThat(times.handOff112()).as("accepted minus the request police accepted, not the withdrawn one")
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(times.turnout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(times.travel()).isEqualTo(Duration.ofSeconds(210).plusNanos(1_000));
        assertThat(times.response()).isEqualTo(Duration.ofSeconds(295).plusNanos(1_000));
        assertThat(times.clear()).isEqualTo(Duration.ofSeconds(900));
    }

    @Test
    void steps_that_never_happened_are_null_never_zero() {
        ResponseTimes falseAlarm = ResponseTimes.of(Trails.openedAt("2025-11-20T22:00:00Z")
                .status("FALSE_ALARM", s(42)).trail());

        assertThat(falseAlarm.operator()).isNull();
        assertThat(falseAlarm.acknowledge()).isNull();
        assertThat(falseAlarm.dispatch()).isNull();
        assertThat(falseAlarm.handOff112()).isNull();
        assertThat(falseAlarm.turnout()).isNull();
        assertThat(falseAlarm.travel()).isNull();
        assertThat(falseAlarm.response()).isNull();
        assertThat(falseAlarm.clear()).isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void a_request_to_police_that_was_never_accepted_has_no_hand_off_time() {
        ResponseTimes times = ResponseTimes.of(Trails.openedAt("2025-11-20T22:00:00Z")
                .other("CALL_112", "NOT_REQUESTED", "REQUESTED", s(5)).trail());

        assertThat(times.handOff112()).isNull();
    }

    @Test
    void a_reopened_incident_keeps_the_times_of_its_first_handling() {
        ResponseTimes times = ResponseTimes.of(Trails.openedAt("2025-11-20T22:00:00Z")
                .status("FALSE_ALARM", s(60))
                .status("NEW", s(600), "system")
                .status("ACKNOWLEDGED", s(610), "op-park")
                .status("RESOLVED", s(700))
                .trail());

        assertThat(times.clear()).isEqualTo(Duration.ofSeconds(60));
        assertThat(times.acknowledge()).isEqualTo(Duration.ofSeconds(610));
        assertThat(times.operator()).isEqualTo("op-park");
    }

    @Test
    void an_empty_trail_measures_nothing() {
        ResponseTimes times = ResponseTimes.of(List.of());

        assertThat(times.openedAt()).isNull();
        assertThat(times).extracting(ResponseTimes::acknowledge, ResponseTimes::clear).containsOnlyNulls();
    }

    @Test
    void a_row_carries_every_measure_in_seconds_and_the_groups_of_the_incident() {
        ResponseTimeRow row = MeasuredIncident.of(FULL.record("11440", "DOOR_CAMERA", "CRITICAL", "SECURITY_GUARD")).row();

        assertThat(row.wardCode()).isEqualTo("11440");
        assertThat(row.shift()).isEqualTo("DAY");
        assertThat(row.operator()).isEqualTo("op-kim");
        assertThat(row.responderKind()).isEqualTo("SECURITY_GUARD");
        assertThat(row.acknowledgeSeconds()).isEqualTo(12.5);
        assertThat(row.dispatchSeconds()).isEqualTo(55.0);
        assertThat(row.handOff112Seconds()).isEqualTo(60.0);
        assertThat(row.turnoutSeconds()).isEqualTo(30.0);
        assertThat(row.travelSeconds()).isEqualTo(210.000001);
        assertThat(row.responseSeconds()).isEqualTo(295.000001);
        assertThat(row.clearSeconds()).isEqualTo(900.0);
    }

    @Test
    void the_responder_kind_comes_from_the_responder_table_else_from_the_id_prefix() {
        assertThat(IncidentRecord.responderKind("PC-11440-01", null)).isEqualTo("POLICE_PATROL");
        assertThat(IncidentRecord.responderKind("SG-11440-01", null)).isEqualTo("SECURITY_GUARD");
        assertThat(IncidentRecord.responderKind("X-1", "SECURITY_GUARD")).isEqualTo("SECURITY_GUARD");
        assertThat(IncidentRecord.responderKind("PCX-1", null)).isEqualTo("UNKNOWN");
        assertThat(IncidentRecord.responderKind(null, null)).isNull();
    }
}
