package kr.anshim.backend.pipeline;

/**
 * How many events may wait for a commit: as many as the journal commits in {@code queueTime} at
 * its recent rate, within [{@code floor}, {@code ceiling}]. A fixed bound is either too small for
 * full batches on a fast machine or seconds of queue on a slow or busy one; this keeps the wait of
 * an admitted event near {@code queueTime} either way, and past it a sender hears OVERLOADED.
 * Updated by one thread only (the ward owner's stage after each commit, or a cluster edge's reply
 * loop), read by any thread.
 */
public final class AdmissionWindow {

    private final int floor;
    private final int ceiling;
    private final double queueSeconds;
    private double eventsPerSecond;
    private long lastCommitNanos;
    private volatile int limit;

    public AdmissionWindow(int floor, int ceiling, java.time.Duration queueTime) {
        this.floor = floor;
        this.ceiling = Math.max(floor, ceiling);
        this.queueSeconds = queueTime.toNanos() / 1e9;
        this.limit = this.ceiling;
    }

    public int limit() {
        return limit;
    }

    /** After a commit of {@code events} at {@code nowNanos}; the rate is smoothed over a few commits. */
    public void committed(int events, long nowNanos) {
        if (lastCommitNanos != 0 && nowNanos > lastCommitNanos) {
            double rate = events / ((nowNanos - lastCommitNanos) / 1e9);
            eventsPerSecond = eventsPerSecond == 0 ? rate : 0.8 * eventsPerSecond + 0.2 * rate;
            limit = (int) Math.max(floor, Math.min(ceiling, eventsPerSecond * queueSeconds));
        }
        lastCommitNanos = nowNanos;
    }
}
