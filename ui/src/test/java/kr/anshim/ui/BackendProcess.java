package kr.anshim.ui;

import kr.anshim.api.Ack;
import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceEvent;
import kr.anshim.api.Routes;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The real backend jar, started as its own process on loopback port 0 with its own embedded
 * PostgreSQL, as the UI meets it in production. The jar is built by the backend module earlier
 * in the same Maven run.
 */
final class BackendProcess implements AutoCloseable {

    private final Process process;
    private final int rsocketPort;
    private final int httpPort;

    private BackendProcess(Process process, int rsocketPort, int httpPort) {
        this.process = process;
        this.rsocketPort = rsocketPort;
        this.httpPort = httpPort;
    }

    static BackendProcess start(String name) throws IOException {
        return start(name, List.of());
    }

    /** As {@link #start(String)}, with more settings, e.g. short welfare timers. */
    static BackendProcess start(String name, List<String> settings) throws IOException {
        Path jar = Path.of(System.getProperty("anshim.backend.jar", "../backend/server/target/anshim-backend.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("backend jar not found at " + jar.toAbsolutePath()
                    + "; run the tests from the project root with ./mvnw verify");
        }
        Path dir = Path.of("target", name).toAbsolutePath();
        Files.createDirectories(dir);
        Path ports = dir.resolve("backend.ports");
        Files.deleteIfExists(ports);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx512m", "-jar", jar.toAbsolutePath().toString(),
                "--spring.profiles.active=demo",
                "--server.port=0", "--server.address=127.0.0.1",
                "--spring.rsocket.server.port=0", "--spring.rsocket.server.address=127.0.0.1",
                "--anshim.embedded-db.dir=" + dir.resolve("db"), "--anshim.embedded-db.reset=true",
                "--anshim.demo.households-per-thousand=0.1",
                "--anshim.ports-file=" + ports));
        command.addAll(settings);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("backend.log").toFile())
                .start();
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("backend exited with " + process.exitValue() + "; see " + dir.resolve("backend.log"));
                }
                return Files.exists(ports);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("backend did not start in 3 minutes; see " + dir.resolve("backend.log"), e);
        }
        Properties bound = new Properties();
        try (var in = Files.newInputStream(ports)) {
            bound.load(in);
        }
        return new BackendProcess(process, Integer.parseInt(bound.getProperty("rsocket")),
                Integer.parseInt(bound.getProperty("http")));
    }

    /** The demo city the backend was started with (0.1 households per thousand). */
    static final DemoCity CITY = DemoCity.generate(0.1, 20221101L);

    /** Sends one alarm from a demo device through the demo gateway, as the simulator would, and waits for its answer. */
    Ack alarm(RSocketStrategies strategies, String deviceId, String type) {
        return alarm(strategies, deviceId, type, Map.of());
    }

    Ack alarm(RSocketStrategies strategies, String deviceId, String type, Map<String, Object> payload) {
        DemoCity.Device device = CITY.devices().stream().filter(d -> d.id().equals(deviceId)).findFirst().orElseThrow();
        RSocketRequester gateway = RSocketRequester.builder().rsocketStrategies(strategies).dataMimeType(MediaType.APPLICATION_JSON)
                .setupData(ConnectionCredentials.gateway(DemoCity.DEMO_GATEWAY_ID, DemoCity.demoToken(DemoCity.DEMO_GATEWAY_ID)))
                .tcp("127.0.0.1", rsocketPort);
        try {
            return gateway.route(Routes.ALARM)
                    .data(new DeviceEvent(UUID.randomUUID(), device.id(), java.time.Instant.now(), type, payload))
                    .retrieveMono(Ack.class).block(Duration.ofSeconds(10));
        } finally {
            gateway.dispose();
        }
    }

    /** Creates or replaces a user account through the admin route, signed in as the demo admin. */
    void saveUser(RSocketStrategies strategies, kr.anshim.api.UserAccount account) {
        RSocketRequester service = RSocketRequester.builder().rsocketStrategies(strategies).dataMimeType(MediaType.APPLICATION_JSON)
                .setupData(ConnectionCredentials.service("ui", "demo-ui-token")).tcp("127.0.0.1", rsocketPort);
        kr.anshim.api.LoginResult login;
        try {
            login = service.route(Routes.LOGIN).data(new kr.anshim.api.LoginRequest("admin", "anshim-demo", "test-admin"))
                    .retrieveMono(kr.anshim.api.LoginResult.class).block(Duration.ofSeconds(30));
        } finally {
            service.dispose();
        }
        RSocketRequester admin = RSocketRequester.builder().rsocketStrategies(strategies).dataMimeType(MediaType.APPLICATION_JSON)
                .setupData(ConnectionCredentials.user("admin", login.token())).tcp("127.0.0.1", rsocketPort);
        try {
            admin.route(Routes.ADMIN_SAVE_USER).data(account).retrieveMono(kr.anshim.api.UserAccount.class).block(Duration.ofSeconds(30));
        } finally {
            admin.dispose();
        }
    }

    int rsocketPort() {
        return rsocketPort;
    }

    int httpPort() {
        return httpPort;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
