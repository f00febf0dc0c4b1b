package kr.anshim.backend.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON a device may send, read strictly: well-formed UTF-8 (no overlong forms such as
 * {@code C0 80}), exactly one top-level value, no duplicate keys, no NUL and no unpaired surrogate
 * in any string or key, only finite numbers. Everything refused here would otherwise be silently
 * changed (a second object dropped, {@code 1e999} stored as Infinity, a lone surrogate turned into
 * {@code ?}) or refused later by PostgreSQL's jsonb, which would fail a whole batch.
 */
public final class StrictJson {

    private StrictJson() {
    }

    public static ObjectReader reader(ObjectMapper json) {
        return json.reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .without(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);
    }

    /** A refusal message when {@code bytes} are not well-formed UTF-8, else empty. */
    public static Optional<String> checkUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            decoder.decode(in);
            return Optional.empty();
        } catch (CharacterCodingException e) {
            return Optional.of("not valid UTF-8 at byte " + in.position()
                    + " (overlong or broken sequence); send the event as UTF-8 JSON");
        }
    }

    /** A refusal message for the first string, key or number PostgreSQL could not store faithfully. */
    public static Optional<String> checkValues(JsonNode root) {
        Deque<Map.Entry<String, JsonNode>> todo = new ArrayDeque<>();
        todo.push(Map.entry("", root));
        while (!todo.isEmpty()) {
            Map.Entry<String, JsonNode> next = todo.pop();
            String path = next.getKey();
            JsonNode node = next.getValue();
            if (node.isTextual()) {
                Optional<String> bad = checkText(node.textValue(), "the value of " + where(path));
                if (bad.isPresent()) {
                    return bad;
                }
            } else if (node.isNumber() && (node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
                return Optional.of("the number at " + where(path) + " is out of range (not finite)");
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    Optional<String> bad = checkText(field.getKey(), "a key in " + where(path));
                    if (bad.isPresent()) {
                        return bad;
                    }
                    todo.push(Map.entry(path + "/" + field.getKey(), field.getValue()));
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    todo.push(Map.entry(path + "/" + i, node.get(i)));
                }
            }
        }
        return Optional.empty();
    }

    /** What went wrong in a sender's words, without parser class names or source excerpts. */
    public static String describe(IOException e) {
        if (e instanceof MismatchedInputException && String.valueOf(e.getMessage()).startsWith("Trailing token")) {
            return "more than one JSON value, or text after the event object";
        }
        if (e instanceof JsonProcessingException processing) {
            String message = processing.getOriginalMessage();
            String line = message == null ? "" : message.lines().findFirst().orElse("");
            // Jackson's hints name its own feature flags; a sender needs only what was wrong
            int hint = line.indexOf(": enable ");
            line = (hint < 0 ? line : line.substring(0, hint)).replace("`", "'");
            String at = processing.getLocation() == null ? ""
                    : " (at byte " + Math.max(0, processing.getLocation().getByteOffset()) + ")";
            return (line.length() > 160 ? line.substring(0, 160) + "…" : line) + at;
        }
        return "unreadable";
    }

    private static Optional<String> checkText(String text, String where) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of(where + " contains a NUL character (\\u0000), which cannot be stored");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of(where + " contains an unpaired surrogate (\\u" + Integer.toHexString(c) + ")");
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of(where + " contains an unpaired surrogate (\\u" + Integer.toHexString(c) + ")");
            }
        }
        return Optional.empty();
    }

    private static String where(String path) {
        return path.isEmpty() ? "the event" : path;
    }
}
