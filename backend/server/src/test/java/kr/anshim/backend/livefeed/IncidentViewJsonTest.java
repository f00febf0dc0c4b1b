package kr.anshim.backend.livefeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import kr.anshim.api.Call112Status;
import kr.anshim.api.CallbackStatus;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.IncidentCommand.Action;
import kr.anshim.api.IncidentKind;
import kr.anshim.api.IncidentStatus;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.NextSteps;
import kr.anshim.api.Outcome;
import kr.anshim.api.Severity;
import kr.anshim.api.SignalType;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The typed view travels as the same strings as before, so screens built against the old wire format still read it. */
class IncidentViewJsonTest {

    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private final IncidentView view = new IncidentView(UUID.fromString("00000000-0000-0000-0000-000000000001"), "11440",
            37.56, 126.9, IncidentKind.INTRUSION, Severity.CRITICAL, 95, IncidentStatus.RESOLVED, DeviceFamily.DOOR_LOCK,
            SignalType.DOOR_FORCED, 2, Instant.parse("2026-12-01T03:00:00Z"), Instant.parse("2026-12-01T03:05:00Z"),
            List.of("DOOR_FORCED +70"), Call112Status.ACCEPTED, CallbackStatus.NO_ANSWER, Outcome.POLICE_ARREST, 7,
            true, true, 3, "H-11440-0007", new NextSteps(EnumSet.of(Action.NOTE, Action.CALL_112), List.of(Call112Status.PATROL_ASSIGNED), List.of()));

    @Test
    void enums_are_written_as_their_names_and_read_back_to_an_equal_view() throws Exception {
        JsonNode tree = json.readTree(json.writeValueAsString(LiveFrame.change(view)));
        JsonNode incident = tree.get("incident");
        assertThat(tree.get("type").asText()).isEqualTo("TOMBSTONE");
        assertThat(incident.get("status").asText()).isEqualTo("RESOLVED");
        assertThat(incident.get("severity").asText()).isEqualTo("CRITICAL");
        assertThat(incident.get("kind").asText()).isEqualTo("INTRUSION");
        assertThat(incident.get("family").asText()).isEqualTo("DOOR_LOCK");
        assertThat(incident.get("lastSignal").asText()).isEqualTo("DOOR_FORCED");
        assertThat(incident.get("call112").asText()).isEqualTo("ACCEPTED");
        assertThat(incident.get("callback").asText()).isEqualTo("NO_ANSWER");
        assertThat(incident.get("outcome").asText()).isEqualTo("POLICE_ARREST");
        assertThat(incident.get("next").get("call112").get(0).asText()).isEqualTo("PATROL_ASSIGNED");

        assertThat(json.readValue(json.writeValueAsString(view), IncidentView.class)).isEqualTo(view);
    }

    @Test
    void a_view_in_the_old_format_without_the_new_fields_still_reads() throws Exception {
        String old = """
                {"id":"00000000-0000-0000-0000-000000000002","wardCode":"11440","latitude":37.5,"longitude":126.9,
                 "kind":"LOITERING","severity":"MEDIUM","score":40,"status":"NEW","family":"DOOR_CAMERA",
                 "lastSignal":"LOITERING","signals":1,"openedAt":"2026-12-01T03:00:00Z","updatedAt":"2026-12-01T03:00:00Z",
                 "reasons":["LOITERING +40"],"call112":"NOT_REQUESTED","callback":"NOT_TRIED","outcome":null,"version":1,
                 "protectedPerson":false}""";
        IncidentView read = json.readValue(old, IncidentView.class);
        assertThat(read.status()).isEqualTo(IncidentStatus.NEW);
        assertThat(read.kind()).isEqualTo(IncidentKind.LOITERING);
        assertThat(read.next()).isEqualTo(NextSteps.NONE);
        assertThat(read.households()).isEqualTo(1);
        assertThat(read.escalated()).isFalse();
    }
}
