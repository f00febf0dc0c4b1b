package kr.anshim.backend.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Points R2DBC and Flyway at a database before any bean is created.
 * <ul>
 *   <li>{@code anshim.db.url} set (e.g. {@code ANSHIM_DB_URL=postgresql://db:5432/anshim}, with
 *   {@code ANSHIM_DB_USER} and {@code ANSHIM_DB_PASSWORD}): that external PostgreSQL.</li>
 *   <li>otherwise a real embedded PostgreSQL 17 whose files live in {@code anshim.embedded-db.dir};
 *   its data survives restarts unless {@code anshim.embedded-db.reset=true}. It trusts no
 *   connection: its superuser {@code postgres} has the random password in
 *   {@code <anshim.embedded-db.dir>/postgres-password} (owner-only, kept by a reset); see
 *   {@link EmbeddedPostgresLock}.</li>
 * </ul>
 * One embedded server per directory per JVM, so several application contexts (tests, two
 * backend instances) share it as they would share a real database.
 * <p>
 * After a crash of the backend ({@code kill -9}, OOM killer) its PostgreSQL outlives it; the next
 * start stops that orphan first ({@link OrphanedPostgres}) and then waits up to
 * {@code anshim.embedded-db.startup-wait} (default 60 s) for the server, long enough for
 * PostgreSQL's crash recovery after it was killed itself. {@code anshim.embedded-db.orphan-stop-wait}
 * (default 30 s) bounds the orphan's fast shutdown before it is killed.
 */
public class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor {

    private static final Map<Path, Running> RUNNING = new ConcurrentHashMap<>();
    private static final Duration DEFAULT_STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration DEFAULT_ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

    private final Log log;

    public EmbeddedPostgresEnvironment(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(EmbeddedPostgresEnvironment.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("anshim.db.enabled", Boolean.class, true)) {
            return;
        }
        String url = environment.getProperty("anshim.db.url", "");
        Map<String, Object> properties = url.isBlank()
                ? embedded(environment)
                : external(url, environment.getProperty("anshim.db.user", "anshim"),
                environment.getProperty("anshim.db.password", ""));
        environment.getPropertySources().addFirst(new MapPropertySource("anshimDatabase", properties));
    }

    /**
     * The URL's query parameters (TLS: {@code sslmode=verify-full&sslrootcert=...}) go to both
     * drivers, each parameter under the name that driver reads: pgjdbc's lower-case names
     * ({@code sslrootcert}) and r2dbc-postgresql's camel case ({@code sslRootCert}) differ, and
     * r2dbc-postgresql ignores a name it does not know.
     */
    private Map<String, Object> external(String url, String user, String password) {
        String stripped = url.replaceFirst("^(jdbc:|r2dbc:)?postgres(ql)?://", "");
        int query = stripped.indexOf('?');
        String hostAndDb = query < 0 ? stripped : stripped.substring(0, query);
        String parameters = query < 0 ? "" : stripped.substring(query + 1);
        log.info("Using external PostgreSQL at " + hostAndDb
                + (parameters.isEmpty() ? "" : " with parameters " + parameterNames(parameters)));
        Map<String, Object> properties = connection("//" + hostAndDb, user, password);
        if (!parameters.isEmpty()) {
            properties.put("spring.r2dbc.url", properties.get("spring.r2dbc.url") + "?" + renamed(parameters, true));
            properties.put("spring.flyway.url", properties.get("spring.flyway.url") + "?" + renamed(parameters, false));
        }
        return properties;
    }

    /** pgjdbc name to r2dbc-postgresql name, for the parameters whose spelling differs. */
    private static final Map<String, String> R2DBC_NAMES = Map.of(
            "sslmode", "sslMode",
            "sslrootcert", "sslRootCert",
            "sslcert", "sslCert",
            "sslkey", "sslKey",
            "sslpassword", "sslPassword",
            "applicationname", "applicationName",
            "connecttimeout", "connectTimeout");

    private static String renamed(String parameters, boolean r2dbc) {
        StringBuilder out = new StringBuilder();
        for (String parameter : parameters.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int eq = parameter.indexOf('=');
            String name = eq < 0 ? parameter : parameter.substring(0, eq);
            String rest = eq < 0 ? "" : parameter.substring(eq);
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (R2DBC_NAMES.containsKey(lower)) {
                name = r2dbc ? R2DBC_NAMES.get(lower) : lower;
            }
            out.append(out.isEmpty() ? "" : "&").append(name).append(rest);
        }
        return out.toString();
    }

    private static String parameterNames(String parameters) {
        return java.util.Arrays.stream(parameters.split("&")).map(p -> p.replaceFirst("=.*", "")).toList().toString();
    }

    private Map<String, Object> embedded(ConfigurableEnvironment environment) {
        Path dir = Path.of(environment.getProperty("anshim.embedded-db.dir", "target/anshim-db")).toAbsolutePath().normalize();
        boolean reset = environment.getProperty("anshim.embedded-db.reset", Boolean.class, false);
        Duration startupWait = environment.getProperty("anshim.embedded-db.startup-wait", Duration.class, DEFAULT_STARTUP_WAIT);
        Duration orphanStopWait = environment.getProperty("anshim.embedded-db.orphan-stop-wait", Duration.class, DEFAULT_ORPHAN_STOP_WAIT);
        Running running = RUNNING.computeIfAbsent(dir, d -> start(d, reset, startupWait, orphanStopWait));
        log.info("Using embedded PostgreSQL on 127.0.0.1:" + running.postgres().getPort() + ", data in " + dir
                + " (superuser password in " + dir.resolve(EmbeddedPostgresLock.PASSWORD_FILE) + ")");
        return connection("//127.0.0.1:" + running.postgres().getPort() + "/postgres", EmbeddedPostgresLock.SUPERUSER,
                running.password());
    }

    private record Running(EmbeddedPostgres postgres, String password) {
    }

    private static Map<String, Object> connection(String hostPortDb, String user, String password) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.r2dbc.url", "r2dbc:postgresql:" + hostPortDb);
        properties.put("spring.r2dbc.username", user);
        properties.put("spring.r2dbc.password", password);
        properties.put("spring.flyway.url", "jdbc:postgresql:" + hostPortDb);
        properties.put("spring.flyway.user", user);
        properties.put("spring.flyway.password", password);
        properties.put("anshim.db.resolved-url", "postgresql:" + hostPortDb);
        return properties;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Stops the embedded server for a directory, as a crash or shutdown of the database would;
     * the next application started on it finds the data on disk. For tests and tools.
     */
    public static void stopEmbedded(Path dir) throws IOException {
        Running running = RUNNING.remove(dir.toAbsolutePath().normalize());
        if (running != null) {
            running.postgres().close();
        }
    }

    private Running start(Path dir, boolean reset, Duration startupWait, Duration orphanStopWait) {
        try {
            Path data = dir.resolve("data");
            Path work = dir.resolve("work");
            Files.createDirectories(work);
            if (Files.isDirectory(data)) {
                // before a reset too: never delete files under a running server
                new OrphanedPostgres(data, orphanStopWait, log).clear();
            }
            if (reset) {
                deleteRecursively(data); // the password file beside data/ is kept: the new cluster gets the same password
            }
            EmbeddedPostgresLock.Password password = EmbeddedPostgresLock.password(dir, log);
            // zonky runs initdb only on a directory without postgresql.conf (we never let it clean one)
            boolean fresh = !Files.exists(data.resolve("postgresql.conf"));
            boolean trusting = !fresh && !EmbeddedPostgresLock.locked(data);
            boolean lockNeeded = trusting || (!fresh && password.created());
            if (lockNeeded) {
                log.warn("The embedded PostgreSQL in " + data + (trusting
                        ? " is not locked (made by an earlier version, which trusted local connections)"
                        : " does not have the new password in " + EmbeddedPostgresLock.PASSWORD_FILE)
                        + "; setting its superuser password on this start");
            }
            long began = System.nanoTime();
            // Acknowledgements promise durability, so the embedded server keeps PostgreSQL's
            // safe defaults (zonky turns synchronous_commit off for speed in tests).
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    // Never zonky's own cleaning: it also deletes the data when the server stops.
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(work.toFile())
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // zonky hands its "locale" settings to initdb as --key=value: a new cluster's
                    // superuser gets the password at initdb (zonky's -A trust is replaced below)
                    .setLocaleConfig("pwfile", dir.resolve(EmbeddedPostgresLock.PASSWORD_FILE).toString())
                    // zonky's readiness check connects as postgres through a DataSource with these properties
                    .setConnectConfig("password", password.value())
                    // runs after initdb and before the server starts
                    .setDataDirectoryCustomizer(d -> {
                        try {
                            EmbeddedPostgresLock.writeHba(d.toPath(),
                                    lockNeeded ? EmbeddedPostgresLock.LOCKING_HBA : EmbeddedPostgresLock.LOCKED_HBA);
                        } catch (IOException e) {
                            throw new UncheckedIOException("Could not write " + d + "/pg_hba.conf", e);
                        }
                    })
                    .setPGStartupWait(startupWait)
                    .start();
            if (lockNeeded) {
                try {
                    EmbeddedPostgresLock.lock(postgres.getPort(), data, password.value(), log);
                } catch (IOException | RuntimeException e) {
                    postgres.close(); // never leave it running half-locked
                    throw e;
                }
            }
            log.info("Embedded PostgreSQL ready in " + Duration.ofNanos(System.nanoTime() - began).toMillis()
                    + " ms (start-up wait up to " + startupWait.toSeconds() + " s)");
            return new Running(postgres, password.value());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
        }
    }
}
