package kr.anshim.backend.storage;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A postmaster.pid whose pid is not a PostgreSQL on that data directory is never acted on as one. */
class OrphanedPostgresTest {

    @TempDir
    Path data;

    private OrphanedPostgres orphans() {
        return new OrphanedPostgres(data, Duration.ofSeconds(5), LogFactory.getLog(OrphanedPostgresTest.class));
    }

    private void pidFile(long pid) throws Exception {
        Files.writeString(data.resolve("postmaster.pid"), pid + "\n" + data + "\n1700000000\n54321\n/tmp\n127.0.0.1\n  1 2\nready   \n");
    }

    @Test
    void an_unrelated_process_that_reused_the_pid_is_left_alone_and_the_stale_file_moved_aside() throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "600").start();
        try {
            pidFile(unrelated.pid());

            orphans().clear();

            assertThat(unrelated.isAlive()).isTrue();
            assertThat(data.resolve("postmaster.pid")).doesNotExist();
            assertThat(data.resolve("postmaster.pid.stale")).exists();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void this_jvm_in_the_pid_file_is_not_touched() throws Exception {
        pidFile(ProcessHandle.current().pid());

        orphans().clear();

        assertThat(data.resolve("postmaster.pid.stale")).exists();
    }

    @Test
    void a_dead_pid_leaves_the_file_to_postgresql() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        pidFile(gone.pid());

        orphans().clear();

        assertThat(data.resolve("postmaster.pid")).exists();
    }
}
