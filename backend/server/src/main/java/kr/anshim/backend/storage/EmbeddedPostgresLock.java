package kr.anshim.backend.storage;

import org.apache.commons.logging.Log;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * The embedded PostgreSQL's lock: its superuser {@code postgres} has a random password and no
 * connection is trusted.
 * <ul>
 *   <li>The password (32 bytes from {@link SecureRandom}, base64url) is made at the first start and
 *   kept in {@value #PASSWORD_FILE} beside the data directory ({@code <embedded-db.dir>/postgres-password},
 *   not inside {@code data/}), readable by its owner only (0600). A reset of the data keeps it and the
 *   new cluster gets the same password.</li>
 *   <li>A new cluster gets it from initdb ({@code --pwfile}); {@code pg_hba.conf} is rewritten at
 *   every start, before the server starts, to {@code scram-sha-256} lines only.</li>
 *   <li>A cluster that does not have this password yet, one made by an earlier version (initdb
 *   {@code -A trust}) or one whose password file was deleted (which is how the password is
 *   changed), is locked on start: for that one start {@code pg_hba.conf} trusts only
 *   {@code postgres} on 127.0.0.1 to database {@code postgres}; once the server is up the password
 *   is set (its SCRAM verifier computed here, never sent in clear), the locked {@code pg_hba.conf}
 *   written and reloaded, and the start goes on only once a connection without the password is
 *   refused.</li>
 * </ul>
 */
final class EmbeddedPostgresLock {

    static final String PASSWORD_FILE = "postgres-password";
    static final String SUPERUSER = "postgres";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Duration RELOAD_WAIT = Duration.ofSeconds(10);

    private static final String HEADER = """
            # Written by Anshim (EmbeddedPostgresEnvironment) at every start of the embedded PostgreSQL;
            # edits are overwritten. No connection is trusted: the superuser's password is in
            # ../postgres-password (owner-only).
            """;
    private static final String LOCKED_RULES = """
            # TYPE  DATABASE     USER  ADDRESS       METHOD
            local   all          all                 scram-sha-256
            host    all          all   127.0.0.1/32  scram-sha-256
            host    all          all   ::1/128       scram-sha-256
            local   replication  all                 scram-sha-256
            host    replication  all   127.0.0.1/32  scram-sha-256
            host    replication  all   ::1/128       scram-sha-256
            """;
    static final String LOCKED_HBA = HEADER + LOCKED_RULES;
    /** For the one start that sets the password on a cluster that lacks it. */
    static final String LOCKING_HBA = HEADER
            + "# Locking in progress: trusts postgres on 127.0.0.1 until the password is set.\n"
            + "host    postgres     postgres 127.0.0.1/32 trust\n"
            + LOCKED_RULES;

    /** The password and whether it was made just now (so no cluster can have it yet). */
    record Password(String value, boolean created) {
    }

    private EmbeddedPostgresLock() {
    }

    /** Reads {@code dir/postgres-password}, making it (0600) if it is missing or empty. */
    static Password password(Path dir, Log log) throws IOException {
        Path file = dir.resolve(PASSWORD_FILE);
        if (Files.exists(file)) {
            ownerOnly(file, log);
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!value.isEmpty()) {
                return new Password(value, false);
            }
            log.warn(file + " is empty; making a new password");
            Files.delete(file);
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path temp = posix(dir)
                ? Files.createTempFile(dir, PASSWORD_FILE, ".new", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, PASSWORD_FILE, ".new", new FileAttribute<?>[0]);
        try {
            Files.writeString(temp, value + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            Files.deleteIfExists(temp);
            return password(dir, log);
        } finally {
            Files.deleteIfExists(temp);
        }
        if (!posix(dir)) {
            log.warn("No POSIX permissions on " + dir + ": restrict " + file + " to this user yourself");
        }
        log.info("Made a new password for the embedded PostgreSQL's superuser in " + file);
        return new Password(value, true);
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void ownerOnly(Path file, Log log) throws IOException {
        if (!posix(file.getParent())) {
            return;
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(file);
        if (!now.equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            log.warn(file + " was " + PosixFilePermissions.toString(now) + "; made it owner-only (rw-------)");
        }
    }

    /** Whether this data directory's {@code pg_hba.conf} is the locked one, so its superuser has a password already. */
    static boolean locked(Path data) throws IOException {
        Path hba = data.resolve("pg_hba.conf");
        return Files.exists(hba) && Files.readString(hba, StandardCharsets.UTF_8).equals(LOCKED_HBA);
    }

    static void writeHba(Path data, String content) throws IOException {
        Path hba = data.resolve("pg_hba.conf");
        Path temp = data.resolve("pg_hba.conf.new");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        if (posix(data)) {
            Files.setPosixFilePermissions(temp, OWNER_ONLY);
        }
        Files.move(temp, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * On a server started with {@link #LOCKING_HBA}: sets the superuser's password, writes the
     * locked {@code pg_hba.conf}, reloads it and waits until a connection without the password is refused.
     */
    static void lock(int port, Path data, String password, Log log) throws IOException {
        try (Connection db = dataSource(port, "").getConnection();
             Statement statement = db.createStatement()) {
            db.unwrap(PGConnection.class).alterUserPassword(SUPERUSER, password.toCharArray(), "scram-sha-256");
            writeHba(data, LOCKED_HBA);
            statement.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("Could not set the embedded PostgreSQL's superuser password", e);
        }
        // pg_reload_conf() only signals the postmaster: poll on Reactor's timer until it refuses, at most RELOAD_WAIT
        Boolean refused = reactor.core.publisher.Mono.fromCallable(() -> refusesWithoutPassword(port))
                .filter(Boolean::booleanValue)
                .repeatWhenEmpty(attempts -> attempts.delayElements(java.time.Duration.ofMillis(20)))
                .timeout(RELOAD_WAIT, reactor.core.publisher.Mono.just(false))
                .block();
        if (!Boolean.TRUE.equals(refused)) {
            throw new IllegalStateException("The embedded PostgreSQL still accepts connections without a password "
                    + RELOAD_WAIT.toSeconds() + " s after reloading the locked pg_hba.conf");
        }
        try (Connection db = dataSource(port, password).getConnection()) {
            log.info("Locked the embedded PostgreSQL: the superuser has the password in ../" + PASSWORD_FILE
                    + ", pg_hba.conf trusts no connection");
        } catch (SQLException e) {
            throw new IOException("The embedded PostgreSQL refuses its own password after locking", e);
        }
    }

    private static boolean refusesWithoutPassword(int port) {
        try (Connection ignored = dataSource(port, "").getConnection()) {
            return false;
        } catch (SQLException refused) {
            String state = refused.getSQLState();
            return state != null && (state.startsWith("28") || state.equals("08004"));
        }
    }

    private static PGSimpleDataSource dataSource(int port, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName("postgres");
        ds.setUser(SUPERUSER);
        ds.setPassword(password);
        return ds;
    }
}
