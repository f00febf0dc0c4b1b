package kr.anshim.backend.metrics;

import kr.anshim.api.WorkloadReport;
import kr.anshim.api.WorkloadReport.OperatorHour;
import kr.anshim.api.WorkloadReport.OperatorLoad;
import kr.anshim.api.WorkloadReport.QueuePoint;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WorkloadTest {

    private static final Instant FROM = Instant.parse("2025-11-21T00:30:00Z");
    private static final Instant TO = Instant.parse("2025-11-21T04:00:00Z");

    @Test
    void acknowledgements_count_per_operator_and_hour_and_the_queue_is_counted_every_minute() {
        Workload workload = new Workload(FROM, TO);
        // acknowledged before the period (not counted), open at 01:00, resolved 01:30
        workload.add(Trails.openedAt("2025-11-21T00:10:00Z").status("ACKNOWLEDGED", min(10), "op-kim")
                .status("RESOLVED", min(80)).record("11440", "DOOR_CAMERA", "HIGH", null));
        // opened exactly at 01:00 (open then), false alarm exactly at 02:00 (not open then)
        workload.add(Trails.openedAt("2025-11-21T01:00:00Z").status("ACKNOWLEDGED", min(5), "op-kim")
                .status("FALSE_ALARM", min(60)).record("11440", "DOOR_CAMERA", "HIGH", null));
        // resolved 01:40, reopened 02:30 and acknowledged again by someone else, still open
        workload.add(Trails.openedAt("2025-11-21T01:20:00Z").status("ACKNOWLEDGED", min(5), "op-lee")
                .status("RESOLVED", min(20)).status("NEW", min(70), "system").status("ACKNOWLEDGED", min(75), "op-kim")
                .record("11440", "DOOR_CAMERA", "HIGH", null));
        // opened 01:10, cancelled 01:50: never open at a whole hour, yet in the queue meanwhile
        workload.add(Trails.openedAt("2025-11-21T01:10:00Z").status("ACKNOWLEDGED", min(5), "op-lee")
                .status("CANCELLED", min(40)).record("11440", "DOOR_CAMERA", "HIGH", null));
        // opened three weeks earlier and never closed
        workload.add(Trails.openedAt("2025-11-01T00:00:00Z").record("11110", "DOOR_LOCK", "LOW", null));
        // acknowledged exactly at the period's end, which is excluded
        workload.add(Trails.openedAt("2025-11-21T03:59:59.999999Z").status("ACKNOWLEDGED", Duration.ofNanos(1_000), "op-park")
                .record("11440", "DOOR_CAMERA", "HIGH", null));

        WorkloadReport report = workload.report();

        assertThat(report.queueStep()).isEqualTo(Duration.ofMinutes(1));
        assertThat(report.queue()).hasSize(210).first().isEqualTo(new QueuePoint(FROM, 2, 2));
        assertThat(at(report, "01:00")).isEqualTo(new QueuePoint(Instant.parse("2025-11-21T01:00:00Z"), 3, 3));
        assertThat(at(report, "01:30").open()).isEqualTo(4); // the first closed at 01:30 exactly, the cancelled one open
        assertThat(at(report, "02:00").open()).isEqualTo(1);
        assertThat(at(report, "03:00").open()).isEqualTo(2);
        // the last opened a microsecond before the end: not open at 03:59, the step's peak counts it
        assertThat(at(report, "03:59")).isEqualTo(new QueuePoint(Instant.parse("2025-11-21T03:59:00Z"), 2, 3));
        assertThat(report.operators()).containsExactly(
                new OperatorLoad("op-kim", 2, 2, 1),
                new OperatorLoad("op-lee", 2, 1, 2));
        assertThat(report.perHour()).containsExactly(
                new OperatorHour(Instant.parse("2025-11-21T01:00:00Z"), "op-kim", 1),
                new OperatorHour(Instant.parse("2025-11-21T01:00:00Z"), "op-lee", 2),
                new OperatorHour(Instant.parse("2025-11-21T02:00:00Z"), "op-kim", 1));
    }

    @Test
    void a_period_starting_on_the_hour_starts_there_and_a_short_one_is_still_sampled() {
        Workload onTheHour = new Workload(Instant.parse("2025-11-21T01:00:00Z"), Instant.parse("2025-11-21T03:00:00Z"));
        onTheHour.add(Trails.openedAt("2025-11-21T00:00:00Z").record("11440", "DOOR_CAMERA", "HIGH", null));

        assertThat(onTheHour.report().queue()).hasSize(120).allMatch(p -> p.open() == 1 && p.peak() == 1);
        assertThat(onTheHour.report().queue().get(0).at()).isEqualTo(Instant.parse("2025-11-21T01:00:00Z"));
        // a 40-minute period has 40 points, none at a whole hour
        assertThat(new Workload(Instant.parse("2025-11-21T01:10:00Z"), Instant.parse("2025-11-21T01:50:00Z"))
                .report().queue()).hasSize(40);
    }

    @Test
    void a_burst_between_two_whole_hours_shows_in_the_queue() {
        // the night shift's burst: 997 incidents opened 10:05-10:15, closed 10:25-10:44; none open at 10:00 or 11:00
        Workload workload = new Workload(Instant.parse("2025-11-21T09:00:00Z"), Instant.parse("2025-11-21T12:00:00Z"));
        for (int i = 0; i < 997; i++) {
            Instant opened = Instant.parse("2025-11-21T10:05:00Z").plusMillis(i * 600L);
            workload.add(Trails.openedAt(opened).status("ACKNOWLEDGED", min(5), "op-kim")
                    .status("RESOLVED", min(20 + i % 10)).record("11440", "DOOR_CAMERA", "HIGH", null));
        }
        // and one that came and went within a single minute
        workload.add(Trails.openedAt("2025-11-21T11:30:10Z").status("FALSE_ALARM", Duration.ofSeconds(30))
                .record("11440", "DOOR_CAMERA", "LOW", null));
        WorkloadReport report = workload.report();

        assertThat(at(report, "10:00").open()).isZero();
        assertThat(at(report, "11:00").open()).isZero();
        assertThat(report.queue().stream().mapToLong(QueuePoint::peak).max().orElseThrow()).isEqualTo(997);
        assertThat(at(report, "10:20").open()).isEqualTo(997);
        assertThat(at(report, "10:15").open()).isBetween(576L, 997L);
        assertThat(at(report, "11:30")).isEqualTo(new QueuePoint(Instant.parse("2025-11-21T11:30:00Z"), 0, 1));
    }

    @Test
    void the_step_grows_with_the_period_and_follows_seouls_clock() {
        assertThat(QueueLength.stepFor(Duration.ofHours(3))).isEqualTo(Duration.ofMinutes(1));
        assertThat(QueueLength.stepFor(Duration.ofDays(1))).isEqualTo(Duration.ofMinutes(5));
        assertThat(QueueLength.stepFor(Duration.ofDays(7))).isEqualTo(Duration.ofMinutes(15));
        assertThat(QueueLength.stepFor(Duration.ofDays(400))).isEqualTo(Duration.ofHours(12));
        // a year by half days: each point starts at noon or midnight in Seoul (03:00, 15:00 UTC)
        WorkloadReport year = new Workload(Instant.parse("2025-01-01T03:00:00Z"), Instant.parse("2026-01-01T03:00:00Z")).report();
        assertThat(year.queue().get(0).at()).isEqualTo(Instant.parse("2025-01-01T03:00:00Z"));
        assertThat(year.queue().get(1).at()).isEqualTo(Instant.parse("2025-01-01T15:00:00Z"));
    }

    private static QueuePoint at(WorkloadReport report, String hhmm) {
        Instant at = Instant.parse(report.from().toString().substring(0, 11) + hhmm + ":00Z");
        return report.queue().stream().filter(p -> p.at().equals(at)).findFirst().orElseThrow(() -> new AssertionError("no point at " + at));
    }

    private static Duration min(int minutes) {
        return Duration.ofMinutes(minutes);
    }
}
