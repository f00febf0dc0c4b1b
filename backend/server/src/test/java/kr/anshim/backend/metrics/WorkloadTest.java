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
    void acknowledgements_count_per_operator_and_hour_and_the_queue_is_counted_at_each_whole_hour() {
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
        // opened 01:10, cancelled 01:50: never open at a whole hour
        workload.add(Trails.openedAt("2025-11-21T01:10:00Z").status("ACKNOWLEDGED", min(5), "op-lee")
                .status("CANCELLED", min(40)).record("11440", "DOOR_CAMERA", "HIGH", null));
        // opened three weeks earlier and never closed
        workload.add(Trails.openedAt("2025-11-01T00:00:00Z").record("11110", "DOOR_LOCK", "LOW", null));
        // acknowledged exactly at the period's end, which is excluded
        workload.add(Trails.openedAt("2025-11-21T03:59:59.999999Z").status("ACKNOWLEDGED", Duration.ofNanos(1_000), "op-park")
                .record("11440", "DOOR_CAMERA", "HIGH", null));

        WorkloadReport report = workload.report();

        assertThat(report.queue()).containsExactly(
                new QueuePoint(Instant.parse("2025-11-21T01:00:00Z"), 3),
                new QueuePoint(Instant.parse("2025-11-21T02:00:00Z"), 1),
                new QueuePoint(Instant.parse("2025-11-21T03:00:00Z"), 2));
        assertThat(report.operators()).containsExactly(
                new OperatorLoad("op-kim", 2, 2, 1),
                new OperatorLoad("op-lee", 2, 1, 2));
        assertThat(report.perHour()).containsExactly(
                new OperatorHour(Instant.parse("2025-11-21T01:00:00Z"), "op-kim", 1),
                new OperatorHour(Instant.parse("2025-11-21T01:00:00Z"), "op-lee", 2),
                new OperatorHour(Instant.parse("2025-11-21T02:00:00Z"), "op-kim", 1));
    }

    @Test
    void a_period_starting_on_the_hour_includes_that_hour_and_a_short_one_may_have_none() {
        Workload onTheHour = new Workload(Instant.parse("2025-11-21T01:00:00Z"), Instant.parse("2025-11-21T03:00:00Z"));
        onTheHour.add(Trails.openedAt("2025-11-21T00:00:00Z").record("11440", "DOOR_CAMERA", "HIGH", null));

        assertThat(onTheHour.report().queue()).containsExactly(
                new QueuePoint(Instant.parse("2025-11-21T01:00:00Z"), 1),
                new QueuePoint(Instant.parse("2025-11-21T02:00:00Z"), 1));
        assertThat(new Workload(Instant.parse("2025-11-21T01:10:00Z"), Instant.parse("2025-11-21T01:50:00Z"))
                .report().queue()).isEmpty();
    }

    private static Duration min(int minutes) {
        return Duration.ofMinutes(minutes);
    }
}
