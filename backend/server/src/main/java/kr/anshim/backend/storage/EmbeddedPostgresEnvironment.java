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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Points R2DBC and Flyway at a database before any bean is created.
 * <ul>
 *   <li>{@code anshim.db.url} set (e.g. {@code ANSHIM_DB_URL=postgresql://db:5432/anshim}, with
 *   {@code ANSHIM_DB_USER} and {@code ANSHIM_DB_PASSWORD}): that external PostgreSQL.</li>
 *   <li>otherwise a real embedded PostgreSQL 17 whose files live in {@code anshim.embedded-db.dir};
 *   its data survives restarts unless {@code anshim.embedded-db.reset=true}.</li>
 * </ul>
 * One embedded server per directory per JVM, so several application contexts (tests, two
 * backend instances) share it as they would share a real database.
 */
public class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor {

    private static final Map<Path, EmbeddedPostgres> RUNNING = new ConcurrentHashMap<>();

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

    private Map<String, Object> external(String url, String user, String password) {
        String hostAndDb = url.replaceFirst("^(jdbc:|r2dbc:)?postgres(ql)?://", "");
        log.info("Using external PostgreSQL at " + hostAndDb.replaceFirst("\\?.*", ""));
        return connection("//" + hostAndDb, user, password);
    }

    private Map<String, Object> embedded(ConfigurableEnvironment environment) {
        Path dir = Path.of(environment.getProperty("anshim.embedded-db.dir", "target/anshim-db")).toAbsolutePath().normalize();
        boolean reset = environment.getProperty("anshim.embedded-db.reset", Boolean.class, false);
        EmbeddedPostgres postgres = RUNNING.computeIfAbsent(dir, d -> start(d, reset));
        log.info("Using embedded PostgreSQL on 127.0.0.1:" + postgres.getPort() + ", data in " + dir);
        return connection("//127.0.0.1:" + postgres.getPort() + "/postgres", "postgres", "");
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
        EmbeddedPostgres postgres = RUNNING.remove(dir.toAbsolutePath().normalize());
        if (postgres != null) {
            postgres.close();
        }
    }

    private static EmbeddedPostgres start(Path dir, boolean reset) {
        try {
            Path data = dir.resolve("data");
            Path work = dir.resolve("work");
            Files.createDirectories(work);
            if (reset) {
                deleteRecursively(data);
            }
            // Acknowledgements promise durability, so the embedded server keeps PostgreSQL's
            // safe defaults (zonky turns synchronous_commit off for speed in tests).
            return EmbeddedPostgres.builder()
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
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
        }
    }
}
