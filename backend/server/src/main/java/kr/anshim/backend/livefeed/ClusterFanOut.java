package kr.anshim.backend.livefeed;

import io.r2dbc.postgresql.api.Notification;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import kr.anshim.backend.incident.IncidentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.r2dbc.R2dbcProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Fan-out between backend instances that share one PostgreSQL. Whoever commits an incident change
 * announces its id with {@code pg_notify} inside the same transaction (so the notice is sent only
 * on commit); every other instance LISTENs on a dedicated connection, reads the changed incidents
 * and publishes them to its own screens. It does not touch the other instance's correlation state:
 * each instance's owner writes only over the version it read, so a copy made stale by another
 * instance is refused at its next write and read again (see {@code IncidentStore#write}).
 * <p>
 * This is the standalone mode's best effort for several instances on one database: the notice
 * stream can overflow and lose notices, and two instances each own every ward (so two can open an
 * incident for one household). Cluster mode ({@code anshim.cluster.enabled}) replaces it.
 */
@Component
public class ClusterFanOut implements SmartLifecycle {

    static final String CHANNEL = "anshim_incidents";
    /** Stay well below PostgreSQL's 8,000-byte notification payload limit. */
    private static final int IDS_PER_NOTICE = 150;
    private static final Logger log = LoggerFactory.getLogger(ClusterFanOut.class);

    private final String instance = UUID.randomUUID().toString();
    private final DatabaseClient db;
    private final R2dbcProperties r2dbc;
    private final IncidentStore incidents;
    private final LiveFeed liveFeed;
    private volatile Disposable listening;
    /** Off in cluster mode: changes reach every instance through the changes topic, with no NOTIFY in the commit. */
    private final boolean enabled;

    ClusterFanOut(DatabaseClient db, R2dbcProperties r2dbc, IncidentStore incidents, LiveFeed liveFeed,
                  @org.springframework.beans.factory.annotation.Value("${anshim.cluster.enabled:false}") boolean cluster) {
        this.enabled = !cluster;
        this.db = db;
        this.r2dbc = r2dbc;
        this.incidents = incidents;
        this.liveFeed = liveFeed;
    }

    /** Call inside the transaction that changed the incidents. */
    public Mono<Void> announce(Collection<UUID> ids) {
        if (ids.isEmpty() || !enabled) {
            return Mono.empty();
        }
        List<String> notices = new ArrayList<>();
        List<UUID> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += IDS_PER_NOTICE) {
            List<UUID> slice = all.subList(from, Math.min(all.size(), from + IDS_PER_NOTICE));
            notices.add(instance + ":" + String.join(",", slice.stream().map(UUID::toString).toList()));
        }
        return Flux.fromIterable(notices)
                .concatMap(notice -> db.sql("select pg_notify($1, $2)").bind(0, CHANNEL).bind(1, notice).then())
                .then();
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        listening = Mono.usingWhen(connect(),
                        connection -> connection.createStatement("LISTEN " + CHANNEL).execute()
                                .flatMap(result -> result.getRowsUpdated())
                                .thenMany(connection.getNotifications())
                                .concatMap(this::received)
                                .then(),
                        connection -> connection.close())
                .doOnError(error -> log.warn("Listening for other instances' changes failed, reconnecting: {}", error.toString()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(10)))
                .subscribe();
    }

    private Mono<PostgresqlConnection> connect() {
        ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(r2dbc.getUrl()).mutate()
                .option(ConnectionFactoryOptions.USER, r2dbc.getUsername())
                .option(ConnectionFactoryOptions.PASSWORD, r2dbc.getPassword() == null ? "" : r2dbc.getPassword())
                .build();
        return Mono.from(ConnectionFactories.get(options).create()).cast(PostgresqlConnection.class);
    }

    private Mono<Void> received(Notification notification) {
        String payload = notification.getParameter();
        int colon = payload == null ? -1 : payload.indexOf(':');
        if (colon < 0 || payload.substring(0, colon).equals(instance)) {
            return Mono.empty();
        }
        List<UUID> ids = Arrays.stream(payload.substring(colon + 1).split(",")).map(UUID::fromString).toList();
        return incidents.byIds(ids)
                .doOnNext(incident -> liveFeed.publish(incident.view()))
                .then()
                .onErrorResume(error -> {
                    log.warn("Could not read incidents changed by another instance: {}", error.toString());
                    return Mono.empty();
                });
    }

    @Override
    public void stop() {
        if (listening != null) {
            listening.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return listening != null && !listening.isDisposed();
    }
}
