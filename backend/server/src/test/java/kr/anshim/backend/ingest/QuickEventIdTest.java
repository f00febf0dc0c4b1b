package kr.anshim.backend.ingest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class QuickEventIdTest {

    private static UUID id(String json) {
        return DeviceIngest.quickEventId(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void the_id_is_found_in_the_usual_layout_with_spacing_and_elsewhere_in_the_object() {
        UUID id = UUID.randomUUID();
        assertThat(id("{\"eventId\":\"" + id + "\",\"type\":\"MOTION\"}")).isEqualTo(id);
        assertThat(id("{ \"eventId\" : \"" + id + "\" }")).isEqualTo(id);
        assertThat(id("{\"type\":\"MOTION\",\"payload\":{\"a\":[1,2]},\"eventId\":\"" + id + "\"}")).isEqualTo(id);
    }

    @Test
    void no_id_is_invented_for_what_is_not_one() {
        assertThat(id("{\"eventId\":\"not-a-uuid-but-thirty-six-characters!\"}")).isNull();
        assertThat(id("{\"eventId\":42}")).isNull();
        assertThat(id("")).isNull();
        assertThat(id("{\"payload\":{\"eventId\":\"" + UUID.randomUUID() + "\"}}")).as("only the top level").isNull();
    }
}
