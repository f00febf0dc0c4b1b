package kr.anshim.backend.storage;

import org.apache.commons.logging.Log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Clears the way for the embedded PostgreSQL after a crash of the backend that ran it.
 * <p>
 * The embedded server runs as its own process (started by {@code pg_ctl}, not a child of the JVM),
 * so a {@code kill -9} of the backend leaves it running on the data directory with no owner, and
 * the next start fails on PostgreSQL's lock file. Before a start this looks at
 * {@code postmaster.pid}: a postgres still running <em>on this data directory</em> (its working
 * directory is the data directory, which PostgreSQL and every one of its child processes have) is
 * asked for a fast shutdown (SIGINT), given a bounded time, then killed together with any of its
 * child processes that are left. A process that merely reused the pid is never touched; the stale
 * file it leaves behind is moved aside, since PostgreSQL would refuse to start while that pid lives.
 * <p>
 * The data directory's zonky lock ({@code epg-lock}) tells a crashed owner from a live one: a
 * running backend holds it, so its database is never stopped; the start fails with a clear message.
 */
final class OrphanedPostgres {

    private static final String LOCK_FILE = "epg-lock";

    private final Path dataDir;
    private final Duration stopWait;
    private final Log log;

    OrphanedPostgres(Path dataDir, Duration stopWait, Log log) {
        this.dataDir = dataDir;
        this.stopWait = stopWait;
        this.log = log;
    }

    /** Stops an orphaned PostgreSQL on the data directory, if there is one. */
    void clear() throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException inThisJvm) {
                return; // this JVM runs it; nothing crashed
            }
            if (lock == null) {
                throw new IllegalStateException("The embedded PostgreSQL data directory " + dataDir
                        + " is in use by another running backend (it holds " + LOCK_FILE + "); stop that backend first"
                        + " or give this one its own anshim.embedded-db.dir");
            }
            try {
                clearLocked(pidFile);
            } finally {
                lock.release();
            }
        }
    }

    private void clearLocked(Path pidFile) throws IOException {
        long pid;
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            pid = Long.parseLong(lines.get(0).trim());
        } catch (RuntimeException unreadable) {
            log.warn("Unreadable " + pidFile + " (" + unreadable + "); leaving it to PostgreSQL");
            return;
        }
        Path realDir = dataDir.toRealPath();
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid).filter(p -> isPostgresOn(p, realDir));
        List<ProcessHandle> others = postgresOn(realDir).stream().filter(p -> p.pid() != pid).toList();

        if (postmaster.isEmpty()) {
            if (ProcessHandle.of(pid).isPresent() && canInspect(pid)) {
                Path aside = pidFile.resolveSibling("postmaster.pid.stale");
                Files.move(pidFile, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                log.warn("Stale " + pidFile + " names pid " + pid + ", now an unrelated process (pid reused); moved the file to "
                        + aside.getFileName() + " so PostgreSQL can start");
            } else {
                log.info("Stale " + pidFile + " from a PostgreSQL that is gone (pid " + pid
                        + " not running); PostgreSQL recovers from its WAL on start");
            }
            if (!others.isEmpty()) {
                log.warn("Found " + others.size() + " leftover PostgreSQL process(es) " + pids(others) + " on " + dataDir
                        + " whose postmaster is gone; killing them so their shared memory is released");
                kill(others);
            }
            return;
        }

        long began = System.nanoTime();
        ProcessHandle server = postmaster.get();
        log.warn("Found orphaned PostgreSQL pid " + pid + " on " + dataDir
                + " from a crashed backend; stopping it (fast shutdown, up to " + stopWait.toSeconds() + " s)");
        fastShutdown(server);
        boolean stopped = awaitExit(server, stopWait);
        List<ProcessHandle> left = postgresOn(realDir);
        if (!stopped || !left.isEmpty()) {
            log.warn("Orphaned PostgreSQL pid " + pid + " did not shut down in " + stopWait.toSeconds()
                    + " s; killing it and its processes " + pids(left) + " (PostgreSQL recovers from its WAL on start)");
            if (server.isAlive()) {
                server.destroyForcibly();
            }
            kill(left);
        }
        log.warn("Stopped orphaned PostgreSQL pid " + pid + " in " + Duration.ofNanos(System.nanoTime() - began).toMillis()
                + " ms; starting the embedded PostgreSQL normally");
    }

    /** SIGINT is PostgreSQL's fast shutdown: abort sessions, checkpoint, exit. */
    private void fastShutdown(ProcessHandle server) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", "INT", Long.toString(server.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // no kill(1): fall back to SIGTERM below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.destroy(); // SIGTERM: PostgreSQL's smart shutdown; the crashed backend's sessions are gone anyway
    }

    private void kill(List<ProcessHandle> processes) {
        // ProcessHandle remembers each process's start time, so a pid reused meanwhile is not killed
        processes.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : processes) {
            if (!awaitExit(p, Duration.ofSeconds(10))) {
                throw new IllegalStateException("PostgreSQL process " + p.pid() + " on " + dataDir + " survived SIGKILL");
            }
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Every postgres process (postmaster and children) whose working directory is the data directory. */
    private static List<ProcessHandle> postgresOn(Path realDir) {
        return ProcessHandle.allProcesses().filter(p -> isPostgresOn(p, realDir)).toList();
    }

    /**
     * A postgres process on this data directory: PostgreSQL's postmaster changes into its data
     * directory and its children inherit that; on systems without {@code /proc} the postmaster's
     * own command line ({@code postgres -D <dir>}) is checked instead.
     */
    static boolean isPostgresOn(ProcessHandle process, Path realDir) {
        if (!process.isAlive() || process.pid() == ProcessHandle.current().pid()) {
            return false;
        }
        Path proc = Path.of("/proc", Long.toString(process.pid()));
        if (Files.isDirectory(Path.of("/proc", "self"))) {
            try {
                Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
                if (!cwd.equals(realDir)) {
                    return false;
                }
                String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
                String exe = process.info().command().orElse("");
                return cmdline.startsWith("postgres") || exe.endsWith("/postgres");
            } catch (IOException | SecurityException | UnsupportedOperationException notOurs) {
                return false;
            }
        }
        String commandLine = process.info().commandLine().orElse("");
        return commandLine.contains("postgres") && commandLine.contains(realDir.toString());
    }

    private static boolean canInspect(long pid) {
        Path cwd = Path.of("/proc", Long.toString(pid), "cwd");
        try {
            Files.readSymbolicLink(cwd);
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    private static String pids(List<ProcessHandle> processes) {
        return processes.stream().map(p -> Long.toString(p.pid())).toList().toString();
    }
}
