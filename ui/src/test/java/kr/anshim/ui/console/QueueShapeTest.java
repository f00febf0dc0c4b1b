package kr.anshim.ui.console;

import kr.anshim.api.IncidentView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Filters, sorts and groups of the queue (issue 11: 9), and the flood view's pinned criticals. */
class QueueShapeTest {

    static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    /** About 11 m north of each other: one building; the third 200 m away. */
    static final double LAT = 37.5600;

    final IncidentView a1 = incident("H-1", LAT, 126.9000, "LOITERING", "MEDIUM", 40, "NEW", 0);
    final IncidentView a2 = incident("H-1", LAT, 126.9000, "TAMPER", "HIGH", 60, "ACKNOWLEDGED", 10);
    final IncidentView b1 = incident("H-2", LAT + 0.0001, 126.9000, "LOITERING", "MEDIUM", 35, "NEW", 20);
    final IncidentView far = incident("H-3", LAT + 0.0018, 126.9000, "LOITERING", "LOW", 20, "NEW", 30);
    final IncidentView critical = incident("H-4", LAT + 0.0018, 126.9000, "EMERGENCY", "CRITICAL", 95, "NEW", 40);
    final List<IncidentView> open = List.of(a1, a2, b1, far, critical);

    @Test
    void filters_by_severity_kind_status_and_ward_and_an_empty_filter_lets_everything_through() {
        assertThat(QueueShape.DEFAULT.apply(open).rows()).hasSize(5);
        QueueShape loitering = new QueueShape(Set.of("MEDIUM"), Set.of("LOITERING"), Set.of("NEW"), Set.of(),
                QueueShape.Sort.RANK, QueueShape.Grouping.NONE, false);
        assertThat(loitering.apply(open).rows()).containsExactly(a1, b1);
        QueueShape otherWard = new QueueShape(Set.of(), Set.of(), Set.of(), Set.of("11710"), QueueShape.Sort.RANK,
                QueueShape.Grouping.NONE, false);
        assertThat(otherWard.apply(open).rows()).isEmpty();
    }

    @Test
    void sorts_by_rank_by_age_or_by_severity() {
        assertThat(QueueShape.DEFAULT.apply(open).rows()).containsExactly(critical, a2, a1, b1, far);
        assertThat(sorted(QueueShape.Sort.AGE).apply(open).rows()).containsExactly(a1, a2, b1, far, critical);
        assertThat(sorted(QueueShape.Sort.SEVERITY).apply(open).rows()).containsExactly(critical, a2, a1, b1, far);
    }

    @Test
    void groups_by_household_and_by_building_within_25_metres() {
        QueueShape.Rows households = QueueShape.DEFAULT.with(QueueShape.Grouping.HOUSEHOLD, false).apply(open);
        assertThat(households.members(a1.id())).containsExactly(a2, a1);
        assertThat(households.members(b1.id())).containsExactly(b1);

        QueueShape.Rows buildings = QueueShape.DEFAULT.with(QueueShape.Grouping.BUILDING, false).apply(open);
        assertThat(buildings.members(b1.id())).as("11 m apart: one building").containsExactly(a2, a1, b1);
        assertThat(buildings.members(far.id())).as("200 m away: another building").containsExactly(critical, far);
        assertThat(buildings.rows()).as("each group together, groups in the order of their best row")
                .containsExactly(critical, far, a2, a1, b1);
    }

    @Test
    void the_flood_view_pins_criticals_on_top_outside_any_group() {
        QueueShape.Rows flood = QueueShape.DEFAULT.flood().apply(open);
        assertThat(flood.rows().get(0)).isEqualTo(critical);
        assertThat(flood.groups()).doesNotContainKey(critical.id());
        assertThat(flood.members(far.id())).as("its building's other incident stays grouped").containsExactly(far);
        assertThat(flood.members(a1.id())).containsExactly(a2, a1, b1);
    }

    private static QueueShape sorted(QueueShape.Sort sort) {
        return new QueueShape(Set.of(), Set.of(), Set.of(), Set.of(), sort, QueueShape.Grouping.NONE, false);
    }

    static IncidentView incident(String household, double lat, double lon, String kind, String severity, int score,
                                 String status, int openedSecondsAfter) {
        return new IncidentView(UUID.randomUUID(), "11440", lat, lon, kind, severity, score, status, "DOOR_CAMERA",
                "LOITERING", 1, T0.plusSeconds(openedSecondsAfter), T0, List.of(), "NOT_REQUESTED", "NOT_TRIED", null, 1,
                false, household);
    }
}
