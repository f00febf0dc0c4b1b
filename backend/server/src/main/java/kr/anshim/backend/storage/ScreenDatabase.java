package kr.anshim.backend.storage;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.r2dbc.R2dbcProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.time.Duration;

/**
 * The bulkhead between screens and intake: reads a screen, a report or a sign-in asks for run on
 * this pool of their own, with an acquire timeout, never on the pool the journal commits alarms
 * with. However many screens stall or ask for heavy reports, alarms keep being stored.
 * Not a {@code ConnectionFactory} bean on purpose, so Spring Boot's primary pool (intake's) stays.
 */
@Component
public class ScreenDatabase implements DisposableBean {

    private final ConnectionPool pool;
    private final DatabaseClient client;

    ScreenDatabase(R2dbcProperties r2dbc,
                   @Value("${anshim.db.screen-pool.max-size:8}") int maxSize,
                   @Value("${anshim.db.screen-pool.acquire-timeout:PT3S}") Duration acquireTimeout) {
        this.pool = pool(r2dbc, "screens", maxSize, acquireTimeout);
        this.client = DatabaseClient.create(pool);
    }

    /** A pool of its own on the configured database, apart from intake's primary pool. */
    static ConnectionPool pool(R2dbcProperties r2dbc, String name, int maxSize, Duration acquireTimeout) {
        ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(r2dbc.getUrl()).mutate()
                .option(ConnectionFactoryOptions.USER, r2dbc.getUsername())
                .option(ConnectionFactoryOptions.PASSWORD, r2dbc.getPassword() == null ? "" : r2dbc.getPassword())
                .build();
        return new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(options))
                .name(name)
                .initialSize(1)
                .maxSize(maxSize)
                .maxAcquireTime(acquireTimeout)
                .maxIdleTime(Duration.ofMinutes(10))
                .build());
    }

    public DatabaseClient client() {
        return client;
    }

    /**
     * Reads a query to its end before anyone sees a row, so the connection goes back to the pool
     * at once, however slowly the screen then reads (a screen that asks for one row and no more
     * must not keep a connection checked out).
     */
    public static <T> Flux<T> fully(Flux<T> rows) {
        return rows.collectList().flatMapIterable(list -> list);
    }

    @Override
    public void destroy() {
        pool.dispose();
    }
}
