package kr.anshim.backend;

import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

/** A clock that follows a {@link VirtualTimeScheduler}, so code that reads a Clock moves with virtual time. */
public final class VirtualClock extends Clock {

    private final VirtualTimeScheduler scheduler;
    private final Instant start;

    public VirtualClock(VirtualTimeScheduler scheduler, Instant start) {
        this.scheduler = scheduler;
        this.start = start;
    }

    @Override
    public Instant instant() {
        return start.plusMillis(scheduler.now(TimeUnit.MILLISECONDS));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
