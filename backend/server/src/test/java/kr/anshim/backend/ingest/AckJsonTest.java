package kr.anshim.backend.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import kr.anshim.api.Ack;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AckJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void the_hand_written_ack_reads_back_as_the_same_ack_with_jackson() throws Exception {
        Ack[] acks = {
                Ack.stored(UUID.randomUUID()),
                Ack.duplicate(UUID.randomUUID()),
                Ack.rejected(null, "MALFORMED_JSON", "not valid JSON: Unexpected character ('\"' (code 34)) \\ at\tbyte 3\n\u0001"),
                Ack.rejected(UUID.randomUUID(), "OVERLOADED", "사람 살려 — resend later")};
        for (Ack ack : acks) {
            assertThat(json.readValue(AckJson.encode(ack), Ack.class)).isEqualTo(ack);
        }
    }
}
