package kr.anshim.ui;

import kr.anshim.api.IncidentView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class OpenIncidentsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T13:00:00Z");

    @Test
    void the_newest_state_wins_closed_incidents_leave_and_the_queue_ranks_by_score_then_age() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        OpenIncidents open = new OpenIncidents();

        open.apply(List.of(view(a, 40, "NEW", T0, T0.plusSeconds(10)), view(b, 90, "NEW", T0.plusSeconds(5), T0.plusSeconds(5)),
                view(c, 40, "NEW", T0.minusSeconds(60), T0)));
        open.apply(List.of(view(a, 30, "NEW", T0, T0.plusSeconds(1))));
        assertThat(open.get(a).orElseThrow().score()).as("a late, older state is ignored").isEqualTo(40);
        assertThat(open.ranked()).extracting(IncidentView::id).containsExactly(b, c, a);

        open.apply(List.of(view(b, 90, "RESOLVED", T0.plusSeconds(5), T0.plusSeconds(20))));
        assertThat(open.ranked()).extracting(IncidentView::id).containsExactly(c, a);
        assertThat(open.size()).isEqualTo(2);
    }

    private static IncidentView view(UUID id, int score, String status, Instant opened, Instant updated) {
        return new IncidentView(id, "11440", 37.56, 126.90, "LOITERING", score >= 90 ? "CRITICAL" : "MEDIUM", score, status,
                "DOOR_CAMERA", "LOITERING", 1, opened, updated, List.of(), "NOT_REQUESTED", "NOT_TRIED", null);
    }
}
