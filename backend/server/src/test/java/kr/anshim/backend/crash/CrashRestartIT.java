package kr.anshim.backend.crash;

import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceFamily;
import kr.anshim.backend.TestDevices;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9, finding 4: a crashed backend must come back on its first start. The packaged jar runs
 * as a real process under load from an at-least-once gateway; each cycle kills it with SIGKILL
 * (odd cycles: the JVM only, which leaves its PostgreSQL running; even cycles: the JVM and its
 * PostgreSQL postmaster together), starts it once more on the same data directory and requires
 * that one start to succeed. At the end every acknowledged event is in {@code device_event} once.
 * <p>
 * {@code -Danshim.crash.cycles=N} (default 3) for a long run; see {@code load-tests/run-crash.sh}.
 */
class CrashRestartIT {

    private static final int CYCLES = Integer.getInteger("anshim.crash.cycles", 3);
    private static final Path DIR = Path.of(System.getProperty("anshim.crash.dir", "target/crash-restart")).toAbsolutePath();
    private static final Path DATA = DIR.resolve("db").resolve("data");
    private static final Duration START_AT_MOST = Duration.ofMinutes(2);
    /**
     * Separate from finding 4: a backend that started fine sometimes stops committing alarms (its
     * journal queue grows, no batch runs, the database is idle). By default that fails this test;
     * {@code -Danshim.crash.allow-stalls=true} (the long run) counts such stalls and goes on.
     */
    private static final boolean ALLOW_STALLS = Boolean.getBoolean("anshim.crash.allow-stalls");
    private static final Duration STALL_AFTER = Duration.ofSeconds(120);

    @Test
    void a_killed_backend_comes_back_on_its_first_start_and_keeps_every_acknowledged_event() throws Exception {
        List<DemoCity.Device> cameras = TestDevices.CITY.devices().stream()
                .filter(d -> d.family() == DeviceFamily.DOOR_CAMERA).limit(40).toList();
        Files.createDirectories(DIR);
        try (var old = Files.newDirectoryStream(DIR, "*.{log,txt}")) {
            for (Path file : old) {
                Files.delete(file);
            }
        }
        List<String> failedFirstStarts = new ArrayList<>();
        List<Duration> restartTimes = new ArrayList<>();
        List<Duration> resumeTimes = new ArrayList<>();
        List<String> stalls = new ArrayList<>();
        BackendJarProcess backend = BackendJarProcess.start(DIR, true, "backend-0.log", START_AT_MOST);
        long runStart = System.nanoTime();
        Report report = new Report();
        try (AtLeastOnceClient client = new AtLeastOnceClient(cameras)) {
            client.target(backend.rsocketPort());
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                boolean withPostgres = cycle % 2 == 0;
                long before = client.acknowledgedCount();
                // the crash comes while events are flowing
                BackendJarProcess running = backend;
                try {
                    await().atMost(STALL_AFTER)
                            .failFast("the backend exited; see " + running.log(), () -> !running.isAlive())
                            .alias("cycle " + cycle + ": 300 more acknowledgements (client errors are printed as they occur)")
                            .until(() -> client.acknowledgedCount() >= before + 300);
                } catch (ConditionTimeoutException stall) {
                    if (!ALLOW_STALLS) {
                        throw stall;
                    }
                    stalls.add("cycle " + cycle + ": " + (client.acknowledgedCount() - before) + " acks in " + STALL_AFTER.toSeconds() + " s");
                    System.out.println("cycle " + cycle + ": STALL, only " + (client.acknowledgedCount() - before)
                            + " acknowledgements in " + STALL_AFTER.toSeconds() + " s; crashing it anyway");
                }

                Optional<ProcessHandle> postmaster = BackendJarProcess.postmaster(DATA);
                assertThat(postmaster).as("cycle %d: the backend's PostgreSQL is running on %s", cycle, DATA).isPresent();
                backend.killJvm();
                if (withPostgres) {
                    postmaster.get().destroyForcibly();
                    postmaster.get().onExit().get(30, TimeUnit.SECONDS);
                }
                client.target(-1);

                String logName = "backend-" + cycle + ".log";
                boolean firstTry = true;
                try {
                    backend = BackendJarProcess.start(DIR, false, logName, START_AT_MOST);
                } catch (BackendJarProcess.StartFailed first) {
                    failedFirstStarts.add("cycle " + cycle + (withPostgres ? " (JVM+PostgreSQL killed)" : " (JVM killed)")
                            + ": " + first.getMessage());
                    System.out.println("cycle " + cycle + ": FIRST START FAILED: " + first.getMessage());
                    firstTry = false;
                    backend = startAgain(cycle);
                }
                restartTimes.add(backend.startup());
                client.target(backend.rsocketPort());
                // how long the restarted backend takes to acknowledge again (not part of "first try")
                long ready = System.nanoTime();
                long ackedBefore = client.acknowledgedCount();
                BackendJarProcess restarted = backend;
                try {
                    await().atMost(STALL_AFTER).pollInterval(Duration.ofMillis(50))
                            .failFast("the backend exited; see " + restarted.log(), () -> !restarted.isAlive())
                            .alias("cycle " + cycle + ": a first acknowledgement after the restart")
                            .until(() -> client.acknowledgedCount() > ackedBefore);
                } catch (ConditionTimeoutException stall) {
                    if (!ALLOW_STALLS) {
                        throw stall;
                    }
                    stalls.add("cycle " + cycle + ": no acknowledgement in " + STALL_AFTER.toSeconds() + " s after the restart");
                }
                Duration resumed = Duration.ofNanos(System.nanoTime() - ready);
                resumeTimes.add(resumed);
                String line = String.format("cycle %d (%s killed): restarted in %.1f s, first try %s; first ack %.1f s after ready;"
                                + " acked so far %d, pending %d%n",
                        cycle, withPostgres ? "JVM+PostgreSQL" : "JVM", backend.startup().toMillis() / 1000.0,
                        firstTry ? "yes" : "NO", resumed.toMillis() / 1000.0,
                        client.acknowledgedCount(), client.pending());
                System.out.print(line);
                Files.writeString(DIR.resolve("cycles.txt"), line, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            }

            client.stopGenerating();
            try {
                await().atMost(STALL_AFTER).alias("every event acknowledged").until(() -> client.pending() == 0);
            } catch (ConditionTimeoutException stall) {
                if (!ALLOW_STALLS) {
                    throw stall;
                }
                stalls.add("end: " + client.pending() + " events never acknowledged in " + STALL_AFTER.toSeconds() + " s");
            }
            client.close();
            Set<UUID> acked = client.acknowledged();

            BackendJarProcess.Stored inStore = BackendJarProcess.stored(DATA, acked);
            long found = inStore.found();
            long distinct = inStore.distinct();
            report.rows = inStore.rows();
            report.cycles = CYCLES;
            report.firstTry = CYCLES - failedFirstStarts.size();
            report.sent = client.sent();
            report.acked = acked.size();
            report.stored = client.stored();
            report.duplicates = client.duplicates();
            report.rejected = client.rejected();
            report.failedRounds = client.failedRounds();
            report.resendLater = client.retryableRejections();
            report.found = found;
            report.missing = acked.size() - found;
            report.restartTimes = restartTimes;
            report.resumeTimes = resumeTimes;
            report.stalls = stalls;
            report.unacknowledged = client.pending();
            report.seconds = (System.nanoTime() - runStart) / 1e9;
            report.write(DIR.resolve("summary.txt"));

            assertThat(failedFirstStarts).as("restarts that failed on their first try").isEmpty();
            assertThat(client.rejected()).as("rejected events").isZero();
            assertThat(found).as("acknowledged events in device_event").isEqualTo(acked.size());
            assertThat(distinct).as("each acknowledged event stored once").isEqualTo(found);
        } finally {
            backend.stop();
            Optional<ProcessHandle> left = BackendJarProcess.postmaster(DATA);
            if (left.isPresent()) {
                left.get().destroyForcibly();
            }
        }
    }

    /** After a failed first start: the backend must still come up (at most two more tries) for the run to go on. */
    private static BackendJarProcess startAgain(int cycle) throws Exception {
        BackendJarProcess.StartFailed last = null;
        for (int attempt = 2; attempt <= 3; attempt++) {
            try {
                return BackendJarProcess.start(DIR, false, "backend-" + cycle + "-try" + attempt + ".log", START_AT_MOST);
            } catch (BackendJarProcess.StartFailed e) {
                last = e;
            }
        }
        throw last;
    }

    static final class Report {
        int cycles;
        int firstTry;
        long sent;
        long acked;
        long stored;
        long duplicates;
        long rejected;
        long failedRounds;
        long resendLater;
        long found;
        long missing;
        long rows;
        List<Duration> restartTimes = List.of();
        List<Duration> resumeTimes = List.of();
        List<String> stalls = List.of();
        long unacknowledged;
        double seconds;

        void write(Path file) throws java.io.IOException {
            List<Long> ms = restartTimes.stream().map(Duration::toMillis).sorted().toList();
            List<Long> resume = resumeTimes.stream().map(Duration::toMillis).sorted().toList();
            String text = String.format(
                    "crash cycles %d (odd: JVM killed, even: JVM+PostgreSQL killed), restarts on first try %d/%d%n"
                            + "events sent %d, acknowledged %d (STORED %d, DUPLICATE acks %d), rejected %d (plus %d resend-later), rounds lost to a crash %d%n"
                            + "acknowledged found in device_event %d, missing %d; rows in device_event %d%n"
                            + "restart ms (launch to ready): min %d, median %d, max %d%n"
                            + "first ack after ready ms: min %d, median %d, max %d; run %.0f s%n"
                            + "acknowledgement stalls (%d s without progress) %d%s; events never acknowledged %d%n",
                    cycles, firstTry, cycles, sent, acked, stored, duplicates, rejected, resendLater, failedRounds, found, missing, rows,
                    ms.isEmpty() ? 0 : ms.get(0), ms.isEmpty() ? 0 : ms.get(ms.size() / 2), ms.isEmpty() ? 0 : ms.get(ms.size() - 1),
                    resume.isEmpty() ? 0 : resume.get(0), resume.isEmpty() ? 0 : resume.get(resume.size() / 2),
                    resume.isEmpty() ? 0 : resume.get(resume.size() - 1),
                    seconds, STALL_AFTER.toSeconds(), stalls.size(), stalls.isEmpty() ? "" : " " + stalls, unacknowledged);
            System.out.print(text);
            Files.writeString(file, text);
        }
    }
}
