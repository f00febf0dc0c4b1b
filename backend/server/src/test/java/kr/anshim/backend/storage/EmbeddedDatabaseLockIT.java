package kr.anshim.backend.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import kr.anshim.backend.TestBackends;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded PostgreSQL trusts no local connection: only the password kept owner-only beside
 * its data directory opens it, and a data directory made by an earlier version (initdb with
 * {@code -A trust}) is locked on its next start without locking its owner out.
 */
class EmbeddedDatabaseLockIT {

    private static final Path FRESH = Path.of("target/lock-it/fresh").toAbsolutePath();
    private static final Path OLD = Path.of("target/lock-it/old-trust").toAbsolutePath();

    @Test
    void a_new_database_refuses_connections_without_the_password_from_its_owner_only_file() throws Exception {
        try (TestBackends.Instance backend = TestBackends.start(FRESH, true)) {
            int port = port(backend);
            Path passwordFile = FRESH.resolve("postgres-password");

            assertRefused(port, "");
            assertThat(passwordFile).exists();
            assertThat(Files.getPosixFilePermissions(passwordFile))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            String password = Files.readString(passwordFile).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(40); // 32 random bytes, base64url

            assertRefused(port, "wrong-" + password);
            assertThat(selectOne(port, password)).isEqualTo(1); // positive control: the file's password opens it
            assertThat(hbaTrustLines(port, password)).isZero();
        } finally {
            EmbeddedPostgresEnvironment.stopEmbedded(FRESH);
        }
    }

    @Test
    void a_data_directory_initialised_with_trust_is_locked_on_the_next_start_and_keeps_its_data() throws Exception {
        deleteRecursively(OLD);
        Path data = OLD.resolve("data");
        Files.createDirectories(OLD.resolve("work"));
        // What earlier versions left: zonky's own initdb (-A trust), data in it, server stopped.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(OLD.resolve("work").toFile()).start();
             Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + old.getPort() + "/postgres", "postgres", "");
             Statement s = db.createStatement()) {
            s.execute("create schema before_lock");
            s.execute("create table before_lock.kept (note text)");
            s.execute("insert into before_lock.kept values ('still here')");
        }
        assertThat(OLD.resolve("postgres-password")).doesNotExist();

        try (TestBackends.Instance backend = TestBackends.start(OLD, false)) {
            int port = port(backend);
            assertRefused(port, "");
            String password = Files.readString(OLD.resolve("postgres-password")).strip();
            assertRefused(port, "wrong-" + password);
            assertThat(selectOne(port, password)).isEqualTo(1);
            assertThat(Files.readString(data.resolve("pg_hba.conf"))).doesNotContainPattern("(?m)^[^#]*\\btrust\\b");

            // the application works on it: migrated, seeded, and the old data is still there
            DatabaseClient client = backend.bean(DatabaseClient.class);
            assertThat(client.sql("select count(*) as n from ward").map(row -> row.get("n", Long.class)).one().block())
                    .isEqualTo(25L);
            assertThat(client.sql("select note from before_lock.kept").map(row -> row.get("note", String.class)).one().block())
                    .isEqualTo("still here");
        } finally {
            EmbeddedPostgresEnvironment.stopEmbedded(OLD);
        }

        // and it stays locked on the start after that (no second migration needed)
        try (TestBackends.Instance again = TestBackends.start(OLD, false)) {
            int port = port(again);
            String password = Files.readString(OLD.resolve("postgres-password")).strip();
            assertRefused(port, "");
            assertThat(selectOne(port, password)).isEqualTo(1);
        } finally {
            EmbeddedPostgresEnvironment.stopEmbedded(OLD);
        }
    }

    private static int port(TestBackends.Instance backend) {
        String url = backend.context().getEnvironment().getRequiredProperty("spring.flyway.url");
        return Integer.parseInt(url.replaceFirst(".*://127\\.0\\.0\\.1:(\\d+)/.*", "$1"));
    }

    private static void assertRefused(int port, String password) {
        assertThatThrownBy(() -> selectOne(port, password))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("28P01", "08004"));
    }

    private static int selectOne(int port, String password) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", password);
             Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("select 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static long hbaTrustLines(int port, String password) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", password);
             Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from pg_hba_file_rules where auth_method not in ('scram-sha-256')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void deleteRecursively(Path path) throws java.io.IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
