package kr.anshim.backend.ingest;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many of one connection's events may wait in the journal at once. One gateway or device
 * cannot take the whole journal: past its share it is told {@code OVERLOADED}, and others are not.
 */
final class ConnectionBudget {

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();

    ConnectionBudget(int limit) {
        this.limit = limit;
    }

    /** Takes one place, or false when the connection already has {@code limit} events waiting. */
    boolean tryTake() {
        if (inFlight.incrementAndGet() > limit) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    void release() {
        inFlight.decrementAndGet();
    }

    /** No limit: for calls that are not from a connection (tests, tools). */
    static ConnectionBudget unlimited() {
        return new ConnectionBudget(Integer.MAX_VALUE);
    }
}
