package kr.anshim.backend.storage;

import io.r2dbc.pool.ConnectionPool;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.r2dbc.R2dbcProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * The door cameras' snapshot writes get a small pool of their own (default 2 connections, acquire
 * timeout 2 s): a burst of 256 KiB images can neither take the journal's connections, on which
 * alarms are committed, nor the screens'. Not a {@code ConnectionFactory} bean, like {@link ScreenDatabase}.
 */
@Component
public class SnapshotDatabase implements DisposableBean {

    private final ConnectionPool pool;
    private final DatabaseClient client;

    SnapshotDatabase(R2dbcProperties r2dbc,
                     @Value("${anshim.db.snapshot-pool.max-size:2}") int maxSize,
                     @Value("${anshim.db.snapshot-pool.acquire-timeout:PT2S}") Duration acquireTimeout) {
        this.pool = ScreenDatabase.pool(r2dbc, "snapshots", maxSize, acquireTimeout);
        this.client = DatabaseClient.create(pool);
    }

    public DatabaseClient client() {
        return client;
    }

    @Override
    public void destroy() {
        pool.dispose();
    }
}
