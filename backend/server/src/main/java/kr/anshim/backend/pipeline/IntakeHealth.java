package kr.anshim.backend.pipeline;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Whether intake can take alarms now: DOWN until the registry and the open incidents are loaded,
 * and DOWN while batches fail to commit (until the next commit succeeds). Part of the readiness
 * group, so a load balancer stops sending devices to an instance that cannot store their alarms.
 */
@Component("intake")
public class IntakeHealth implements HealthIndicator {

    private final Clock clock;
    private volatile boolean ready;
    private volatile String startFailure;
    private volatile Instant lastCommit;
    private volatile Instant lastFailure;
    private volatile String lastFailureCause;

    IntakeHealth(Clock clock) {
        this.clock = clock;
    }

    public void ready() {
        ready = true;
        startFailure = null;
    }

    public void startFailed(Throwable error) {
        startFailure = error.getClass().getSimpleName();
    }

    public void committed() {
        lastCommit = clock.instant();
    }

    public void failed(Throwable error) {
        lastFailure = clock.instant();
        lastFailureCause = error.getClass().getSimpleName();
    }

    public boolean isReady() {
        return ready;
    }

    @Override
    public Health health() {
        if (!ready) {
            Health.Builder starting = Health.down().withDetail("intake", "starting: loading the registry and open incidents");
            return startFailure == null ? starting.build() : starting.withDetail("lastStartFailure", startFailure).build();
        }
        Instant failure = lastFailure;
        Instant commit = lastCommit;
        if (failure != null && (commit == null || failure.isAfter(commit))) {
            return Health.down().withDetail("intake", "alarms cannot be committed")
                    .withDetail("since", failure.toString()).withDetail("cause", lastFailureCause).build();
        }
        return Health.up().withDetail("lastCommit", commit == null ? "none yet" : commit.toString()).build();
    }
}
