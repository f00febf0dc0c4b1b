package kr.anshim.backend.ingest;

import kr.anshim.api.Ack;

import java.nio.charset.StandardCharsets;

/**
 * An {@link Ack} as JSON, written by hand: it is the one message intake sends for every event,
 * including every {@code OVERLOADED} answer when shedding, so it must cost next to nothing. Same
 * shape as Jackson's: {@code {"eventId":…,"outcome":…,"reason":…,"message":…}}.
 */
final class AckJson {

    private AckJson() {
    }

    static byte[] encode(Ack ack) {
        StringBuilder json = new StringBuilder(ack.message() == null ? 96 : 128 + ack.message().length());
        json.append("{\"eventId\":");
        if (ack.eventId() == null) {
            json.append("null");
        } else {
            json.append('"').append(ack.eventId()).append('"');
        }
        json.append(",\"outcome\":\"").append(ack.outcome().name()).append('"');
        json.append(",\"reason\":");
        string(json, ack.reason());
        json.append(",\"message\":");
        string(json, ack.message());
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void string(StringBuilder json, String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
