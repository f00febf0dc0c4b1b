package kr.anshim.backend.crash;

import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The packaged backend jar as its own process (demo profile, loopback port 0, embedded PostgreSQL
 * in a given directory), as an operator runs it. Only processes this class started, and the
 * PostgreSQL that one of them started on our own data directory, are ever killed.
 */
final class BackendJarProcess {

    private final Process process;
    private final Path log;
    private final int rsocketPort;
    private final int managementPort;
    private final Duration startup;

    private BackendJarProcess(Process process, Path log, int rsocketPort, int managementPort, Duration startup) {
        this.process = process;
        this.log = log;
        this.rsocketPort = rsocketPort;
        this.managementPort = managementPort;
        this.startup = startup;
    }

    /** Why a start did not come up, with the end of its log. */
    static final class StartFailed extends Exception {
        StartFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("anshim.backend.jar", "target/anshim-backend.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("backend jar not found at " + jar + "; run in the integration-test phase (after package)");
        }
        return jar;
    }

    /** Starts the jar once and waits for it to be ready; no retry. */
    static BackendJarProcess start(Path dir, boolean reset, String logName, Duration atMost) throws IOException, StartFailed {
        return start(dir, logName, atMost, Map.of(), "--anshim.embedded-db.dir=" + dir.resolve("db"),
                "--anshim.embedded-db.reset=" + reset);
    }

    /**
     * Starts the jar once with these further arguments and environment (e.g. an external database,
     * cluster mode) and waits for it to be ready; its ports file is in {@code dir}.
     */
    static BackendJarProcess start(Path dir, String logName, Duration atMost, Map<String, String> environment,
                                   String... arguments) throws IOException, StartFailed {
        Files.createDirectories(dir);
        Path ports = dir.resolve("backend.ports");
        Files.deleteIfExists(ports);
        Path log = dir.resolve(logName);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar().toString(),
                "--spring.profiles.active=demo",
                "--server.port=0", "--server.address=127.0.0.1",
                "--spring.rsocket.server.port=0", "--spring.rsocket.server.address=127.0.0.1",
                "--anshim.demo.households-per-thousand=0.1",
                "--anshim.ports-file=" + ports));
        command.addAll(List.of(arguments));
        long began = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("backend exited with " + process.exitValue());
                }
                return Files.exists(ports);
            });
        } catch (ConditionTimeoutException | IllegalStateException e) {
            process.destroyForcibly();
            throw new StartFailed("backend did not start (" + e.getMessage() + "); see " + log + ":\n" + tail(log, 15), e);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StartFailed("backend did not start (" + cause.getMessage() + "); see " + log + ":\n" + tail(log, 15), e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        Properties bound = new Properties();
        try (var in = Files.newInputStream(ports)) {
            bound.load(in);
        }
        return new BackendJarProcess(process, log, Integer.parseInt(bound.getProperty("rsocket")),
                Integer.parseInt(bound.getProperty("management", bound.getProperty("http"))), took);
    }

    int rsocketPort() {
        return rsocketPort;
    }

    /** The actuator's port (health, Prometheus). */
    int managementPort() {
        return managementPort;
    }

    /** The sum of a gauge or counter's samples on this backend's Prometheus page (0 if it has none). */
    double metric(String name) throws IOException, InterruptedException {
        java.net.http.HttpResponse<java.util.stream.Stream<String>> page = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(5)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        return page.body().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    Duration startup() {
        return startup;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** kill -9 of the backend JVM, as a crash or the OOM killer would. */
    void killJvm() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("backend JVM " + process.pid() + " survived SIGKILL");
        }
    }

    /** A normal stop (SIGTERM): Spring and the embedded PostgreSQL shut down cleanly. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * The postmaster running on {@code dataDir}, from its {@code postmaster.pid}, only if that
     * process really is a postgres on this data directory (never a process that reused the pid).
     */
    static Optional<ProcessHandle> postmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            return Optional.empty();
        }
        long pid = Long.parseLong(lines.get(0).trim());
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return Optional.empty();
        }
        String cmdline;
        try {
            cmdline = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException gone) {
            return Optional.empty();
        }
        String dir = dataDir.toAbsolutePath().normalize().toString();
        return cmdline.contains("postgres") && cmdline.contains(dir) ? handle : Optional.empty();
    }

    /** The port in {@code postmaster.pid} (line 4), for a JDBC check of what was stored. */
    static int postgresPort(Path dataDir) throws IOException {
        return Integer.parseInt(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(3).trim());
    }

    /** What {@code device_event} holds of these events: rows, distinct ids, and all its rows. */
    record Stored(long found, long distinct, long rows) {
    }

    /** Reads, over JDBC, how many of {@code acknowledged} the embedded PostgreSQL on {@code dataDir} holds. */
    static Stored stored(Path dataDir, java.util.Set<java.util.UUID> acknowledged) throws IOException, java.sql.SQLException {
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort(dataDir)
                        + "/postgres", "postgres", Files.readString(dataDir.resolveSibling("postgres-password")).strip());
             java.sql.PreparedStatement query = db.prepareStatement(
                     "select count(*), count(distinct event_id) from device_event where event_id = any(?)")) {
            query.setArray(1, db.createArrayOf("uuid", acknowledged.toArray()));
            long found;
            long distinct;
            try (java.sql.ResultSet row = query.executeQuery()) {
                row.next();
                found = row.getLong(1);
                distinct = row.getLong(2);
            }
            try (java.sql.ResultSet row = db.createStatement().executeQuery("select count(*) from device_event")) {
                row.next();
                return new Stored(found, distinct, row.getLong(1));
            }
        }
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
