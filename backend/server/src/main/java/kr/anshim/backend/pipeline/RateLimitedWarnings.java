package kr.anshim.backend.pipeline;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A warning at most once per period, with how many like it were held back; every occurrence is
 * also logged at debug. Bad input and a failing database must not flood the log.
 */
public final class RateLimitedWarnings {

    private final Logger log;
    private final long periodNanos;
    private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    public RateLimitedWarnings(Logger log, Duration period) {
        this.log = log;
        this.periodNanos = period.toNanos();
    }

    public void warn(String format, Object... arguments) {
        log.debug(format, arguments);
        long now = System.nanoTime();
        long allowed = nextAllowed.get();
        if ((allowed == Long.MIN_VALUE || now - allowed >= 0) && nextAllowed.compareAndSet(allowed, now + periodNanos)) {
            long held = suppressed.getAndSet(0);
            log.warn(held == 0 ? format : format + " (and " + held + " more like it in the last period)", arguments);
        } else {
            suppressed.incrementAndGet();
        }
    }
}
