package kr.anshim.backend.metrics;

import kr.anshim.api.ResponseTimeQuery;
import kr.anshim.api.ResponseTimeSummary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static kr.anshim.backend.metrics.Trails.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ResponseTimeSummariesTest {

    private static final String MAPO = "11440";
    private static final String JONGNO = "11110";

    /** Mapo: acknowledged after 5, 40, 12, 31 and 8 s; Jongno: after 29.999 and 30 s, and one never. */
    private static final List<MeasuredIncident> INCIDENTS = List.of(
            acknowledgedAfter(5, MAPO, "op-kim"),
            acknowledgedAfter(40, MAPO, "op-kim"),
            acknowledgedAfter(12, MAPO, "op-lee"),
            acknowledgedAfter(31, MAPO, "op-kim"),
            acknowledgedAfter(8, MAPO, "op-lee"),
            acknowledgedAfter(29.999, JONGNO, "op-park"),
            acknowledgedAfter(30, JONGNO, "op-park"),
            Trails.openedAt("2025-11-21T01:00:00Z").status("FALSE_ALARM", s(90)).measured(JONGNO));

    @Test
    void each_ward_gets_the_nearest_rank_percentiles_maximum_and_share_within_target_of_each_measure() {
        List<ResponseTimeSummary> summaries = summarise(Dimension.WARD, INCIDENTS);

        assertThat(find(summaries, MAPO, "acknowledge"))
                .isEqualTo(new ResponseTimeSummary("ward", MAPO, "acknowledge", 5, 12.0, 40.0, 40.0, 40.0, 30.0, 0.6));
        assertThat(find(summaries, JONGNO, "acknowledge"))
                .isEqualTo(new ResponseTimeSummary("ward", JONGNO, "acknowledge", 2, 29.999, 30.0, 30.0, 30.0, 30.0, 1.0));
        assertThat(find(summaries, JONGNO, "clear"))
                .isEqualTo(new ResponseTimeSummary("ward", JONGNO, "clear", 1, 90.0, 90.0, 90.0, 90.0, null, null));
    }

    @Test
    void a_measure_no_incident_reached_is_listed_with_count_zero_and_no_figures() {
        List<ResponseTimeSummary> summaries = summarise(Dimension.WARD, INCIDENTS);

        assertThat(find(summaries, MAPO, "dispatch"))
                .isEqualTo(new ResponseTimeSummary("ward", MAPO, "dispatch", 0, null, null, null, null, 60.0, null));
        assertThat(find(summaries, MAPO, "response").targetSeconds()).isEqualTo(300.0);
        assertThat(summaries).extracting(ResponseTimeSummary::group).containsOnly(JONGNO, MAPO);
        assertThat(summaries).extracting(ResponseTimeSummary::measure).containsExactly(
                Stream.of(JONGNO, MAPO).flatMap(ward -> ResponseTimeSummary.MEASURES.stream()).toArray(String[]::new));
    }

    @Test
    void incidents_nobody_acknowledged_form_the_none_group_of_operators() {
        List<ResponseTimeSummary> summaries = summarise(Dimension.OPERATOR, INCIDENTS);

        assertThat(summaries).extracting(ResponseTimeSummary::group).containsOnly("none", "op-kim", "op-lee", "op-park");
        assertThat(find(summaries, "op-kim", "acknowledge"))
                .isEqualTo(new ResponseTimeSummary("operator", "op-kim", "acknowledge", 3, 31.0, 40.0, 40.0, 40.0, 30.0, 1.0 / 3));
        assertThat(find(summaries, "none", "acknowledge").count()).isZero();
        assertThat(find(summaries, "none", "clear").count()).isEqualTo(1);
    }

    @Test
    void shifts_and_days_follow_seoul_wall_clock_time() {
        List<MeasuredIncident> incidents = List.of(
                at("2025-11-20T21:59:59Z", 1),  // 06:59:59 on the 21st in Seoul: night
                at("2025-11-20T22:00:00Z", 2),  // 07:00: day
                at("2025-11-21T09:59:59Z", 3),  // 18:59:59: day
                at("2025-11-21T10:00:00Z", 4),  // 19:00: night
                at("2025-11-20T14:59:59Z", 5),  // 23:59:59 on the 20th: night
                at("2025-11-20T15:00:00Z", 6)); // midnight, the 21st: night

        assertThat(summarise(Dimension.SHIFT, incidents).stream().filter(s -> s.measure().equals("acknowledge")))
                .containsExactly(
                        new ResponseTimeSummary("shift", "DAY", "acknowledge", 2, 2.0, 3.0, 3.0, 3.0, 30.0, 1.0),
                        new ResponseTimeSummary("shift", "NIGHT", "acknowledge", 4, 4.0, 6.0, 6.0, 6.0, 30.0, 1.0));
        assertThat(summarise(Dimension.DAY, incidents).stream().filter(s -> s.measure().equals("acknowledge")))
                .extracting(ResponseTimeSummary::group, ResponseTimeSummary::count, ResponseTimeSummary::maxSeconds)
                .containsExactly(
                        tuple("2025-11-20", 1L, 5.0),
                        tuple("2025-11-21", 5L, 6.0));
    }

    @Test
    void severities_are_listed_from_the_most_severe_down() {
        List<MeasuredIncident> incidents = Stream.of("LOW", "CRITICAL", "MEDIUM", "HIGH")
                .map(severity -> MeasuredIncident.of(Trails.openedAt("2025-11-21T01:00:00Z")
                        .record(MAPO, "DOOR_LOCK", severity, null)))
                .toList();

        assertThat(summarise(Dimension.SEVERITY, incidents).stream().map(ResponseTimeSummary::group).distinct())
                .containsExactly("CRITICAL", "HIGH", "MEDIUM", "LOW");
    }

    @Test
    void the_wire_names_are_those_the_api_documents() {
        assertThat(Dimension.wireNames()).isEqualTo(ResponseTimeQuery.DIMENSIONS);
        assertThat(Measure.wireNames()).isEqualTo(ResponseTimeSummary.MEASURES);
        assertThat(Dimension.parse(" ResponderKind ")).contains(Dimension.RESPONDER_KIND);
        assertThat(Dimension.parse("colour")).isEmpty();
        assertThat(Dimension.parse(null)).isEmpty();
    }

    private static MeasuredIncident acknowledgedAfter(double seconds, String ward, String operator) {
        return Trails.openedAt("2025-11-21T01:00:00Z").status("ACKNOWLEDGED", s(seconds), operator).measured(ward);
    }

    private static MeasuredIncident at(String opened, double acknowledgedAfter) {
        return Trails.openedAt(opened).status("ACKNOWLEDGED", s(acknowledgedAfter)).measured(MAPO);
    }

    private static List<ResponseTimeSummary> summarise(Dimension dimension, List<MeasuredIncident> incidents) {
        ResponseTimeSummaries summaries = new ResponseTimeSummaries(dimension, ResponseTargets.DEFAULTS);
        incidents.forEach(summaries::add);
        return summaries.summaries();
    }

    private static ResponseTimeSummary find(List<ResponseTimeSummary> summaries, String group, String measure) {
        return summaries.stream().filter(s -> s.group().equals(group) && s.measure().equals(measure)).findFirst().orElseThrow();
    }
}
