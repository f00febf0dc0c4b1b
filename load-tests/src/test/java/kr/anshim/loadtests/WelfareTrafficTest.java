package kr.anshim.loadtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import kr.anshim.api.DemoCity;
import kr.anshim.api.welfare.DemoWelfare;
import kr.anshim.api.welfare.EnrolmentView;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's welfare traffic: active people report recent activity, some stop past their threshold, some visits overrun. */
class WelfareTrafficTest {

    private static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void over_many_rounds_some_people_go_quiet_past_their_own_threshold_and_the_others_report_recent_activity() throws Exception {
        List<EnrolmentView> people = DemoWelfare.enrolments(DemoCity.generate(0.5, 20221101));
        assertThat(people).hasSizeGreaterThan(10).allSatisfy(p -> assertThat(p.thresholdDays()).isBetween(1, 5));
        WelfareTraffic traffic = new WelfareTraffic(people, Clock.fixed(NOW, ZoneOffset.UTC), 7);
        int quiet = 0;
        int active = 0;
        for (int round = 0; round < 50; round++) {
            for (EnrolmentView person : people) {
                JsonNode summary = json.readTree(traffic.summary(person, NOW));
                assertThat(summary.get("deviceId").asText()).isEqualTo(person.deviceId());
                Instant last = Instant.parse(summary.get("lastActivityAt").asText());
                if (traffic.quiet(person.householdId())) {
                    quiet++;
                    assertThat(last).isBefore(NOW.minus(Duration.ofDays(person.thresholdDays())));
                } else {
                    active++;
                    assertThat(last).isAfter(NOW.minus(Duration.ofMinutes(6)));
                }
            }
        }
        assertThat(quiet).isPositive();
        assertThat(active).isGreaterThan(quiet);
    }

    @Test
    void some_visits_overrun_and_the_rest_check_in_on_time() {
        List<EnrolmentView> people = DemoWelfare.enrolments(DemoCity.generate(0.5, 20221101));
        WelfareTraffic traffic = new WelfareTraffic(people, Clock.fixed(NOW, ZoneOffset.UTC), 11);
        List<WelfareTraffic.Plan> plans = java.util.stream.IntStream.range(0, 200).mapToObj(i -> traffic.plan()).toList();
        assertThat(plans).filteredOn(p -> p.overrun().isZero()).hasSizeGreaterThan(100);
        assertThat(plans).filteredOn(p -> !p.overrun().isZero()).hasSizeGreaterThan(20)
                .allSatisfy(p -> assertThat(p.overrun()).isGreaterThanOrEqualTo(Duration.ofMinutes(3)));
        assertThat(plans).extracting(WelfareTraffic.Plan::householdId).allMatch(id -> id.startsWith("H-" + DemoWelfare.WARD));
    }
}
