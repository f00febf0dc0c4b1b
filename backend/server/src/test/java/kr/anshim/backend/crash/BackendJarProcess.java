package kr.anshim.backend.crash;

import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    private final Duration startup;

    private BackendJarProcess(Process process, Path log, int rsocketPort, Duration startup) {
        this.process = process;
        this.log = log;
        this.rsocketPort = rsocketPort;
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
        Files.createDirectories(dir);
        Path ports = dir.resolve("backend.ports");
        Files.deleteIfExists(ports);
        Path log = dir.resolve(logName);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar().toString(),
                "--spring.profiles.active=demo",
                "--server.port=0", "--server.address=127.0.0.1",
                "--spring.rsocket.server.port=0", "--spring.rsocket.server.address=127.0.0.1",
                "--anshim.embedded-db.dir=" + dir.resolve("db"), "--anshim.embedded-db.reset=" + reset,
                "--anshim.demo.households-per-thousand=0.1",
                "--anshim.ports-file=" + ports));
        long began = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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
        return new BackendJarProcess(process, log, Integer.parseInt(bound.getProperty("rsocket")), took);
    }

    int rsocketPort() {
        return rsocketPort;
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

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
