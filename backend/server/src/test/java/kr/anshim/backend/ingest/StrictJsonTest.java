package kr.anshim.backend.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictJsonTest {

    private final ObjectReader strict = StrictJson.reader(new ObjectMapper());

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1} trailing", "{\"a\":1}{\"a\":2}", "{\"a\":1} {\"b\":2}", "{\"a\":1,\"a\":2}", "{\"a\":NaN}"})
    void more_than_one_value_duplicate_keys_and_non_numeric_numbers_are_refused(String text) {
        assertThatThrownBy(() -> strict.readTree(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(StrictJson.describe((IOException) e)).doesNotContain("com.fasterxml", "`"));
    }

    @Test
    void nul_lone_surrogates_and_infinite_numbers_are_found_anywhere_in_the_tree() throws IOException {
        assertThat(StrictJson.checkValues(strict.readTree("{\"p\":{\"x\":[1,\"a\\u0000\"]}}"))).get().asString().contains("/p/x/1");
        assertThat(StrictJson.checkValues(strict.readTree("{\"p\":\"\\udc00\"}"))).get().asString().contains("surrogate");
        assertThat(StrictJson.checkValues(strict.readTree("{\"p\":1e999}"))).get().asString().contains("not finite");
        assertThat(StrictJson.checkValues(strict.readTree("{\"p\":\"사람 살려 \\ud83d\\udea8\",\"n\":1.5}"))).isEmpty();
    }

    @Test
    void overlong_and_broken_utf8_is_refused_but_korean_is_not() {
        assertThat(StrictJson.checkUtf8(new byte[]{'{', (byte) 0xC0, (byte) 0x80, '}'})).isPresent();
        assertThat(StrictJson.checkUtf8(new byte[]{'{', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '}'})).isPresent();
        assertThat(StrictJson.checkUtf8("{\"k\":\"사람 살려\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
