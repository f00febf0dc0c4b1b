package kr.anshim.backend.metrics;

import kr.anshim.backend.BackendIT;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the management port reachable from other hosts, metrics need the scrape token. The test
 * binds to loopback (safe) and turns on the non-loopback rule by its property, as a non-loopback
 * {@code ANSHIM_MANAGEMENT_ADDRESS} does by itself. Health stays open for launchers and probes.
 */
@BackendIT
@AutoConfigureObservability(tracing = false)
@TestPropertySource(properties = {
        "anshim.management.require-token=true",
        "anshim.management.metrics-token=" + MetricsAccessIT.TOKEN,
        "anshim.ports-file=target/metrics-access-it.ports"})
class MetricsAccessIT {

    static final String TOKEN = "test-scrape-token-7c1f";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void metrics_need_the_token_health_does_not() throws Exception {
        for (String path : new String[]{"/actuator/prometheus", "/actuator/metrics", "/actuator/info"}) {
            assertThat(get(path, null).statusCode()).as(path + " without credentials").isEqualTo(401);
            assertThat(get(path, "Bearer wrong-" + TOKEN).statusCode()).as(path + " with a wrong token").isEqualTo(401);
        }
        assertThat(get("/actuator/prometheus", "Basic " + java.util.Base64.getEncoder().encodeToString(":x".getBytes()))
                .statusCode()).isEqualTo(401);

        HttpResponse<String> scrape = get("/actuator/prometheus", "Bearer " + TOKEN);
        assertThat(scrape.statusCode()).as("with the token").isEqualTo(200);
        assertThat(scrape.body()).contains("anshim_");
        assertThat(get("/actuator/metrics", "Bearer " + TOKEN).statusCode()).isEqualTo(200);

        assertThat(get("/actuator/health", null).statusCode()).as("health, for run.sh and probes").isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void the_ports_file_names_the_management_port() throws Exception {
        String ports = Files.readString(Path.of("target/metrics-access-it.ports"));
        assertThat(ports).contains("management=" + port).contains("http=" + port).containsPattern("rsocket=\\d+");
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
