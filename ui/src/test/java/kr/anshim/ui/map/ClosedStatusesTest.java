package kr.anshim.ui.map;

import kr.anshim.api.IncidentStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The map's script keeps the one copy of the closed statuses outside Java (it drops a closed
 * incident's marker): it must equal {@link IncidentStatus#CLOSED}.
 */
class ClosedStatusesTest {

    private static final Pattern CLOSED = Pattern.compile("const CLOSED = new Set\\(\\[([^\\]]*)\\]\\);");

    @Test
    void the_maps_closed_statuses_are_the_contracts() throws IOException {
        String script = Files.readString(Path.of("src/main/frontend/anshim-ward-map.js"));
        Set<String> contract = IncidentStatus.CLOSED.stream().map(Enum::name).collect(Collectors.toSet());
        assertThat(closed(script)).isEqualTo(contract);
        // the control: a copy that drifted is caught
        assertThat(closed(script.replace("'CANCELLED'", "'CANCELED'"))).isNotEqualTo(contract);
    }

    private static Set<String> closed(String script) {
        Matcher m = CLOSED.matcher(script);
        assertThat(m.find()).as("const CLOSED in anshim-ward-map.js").isTrue();
        return Arrays.stream(m.group(1).split(",")).map(s -> s.strip().replace("'", "")).collect(Collectors.toSet());
    }
}
