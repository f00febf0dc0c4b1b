package kr.anshim.backend.ingest;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * How many frames each gateway channel may have on their way to a decision: an equal share of what
 * intake admits at once (the admission window, about 400 ms of commits) among the channels that
 * are sending, within the connection's own budget. The shares add up to about what intake admits,
 * so past capacity gateways hold their frames (RSocket's requestN) instead of sending frames that
 * could only be refused: the server's CPU goes to the alarms it stores, not to reading and refusing
 * the rest. A new channel counts from its start; one that has sent nothing for a second does not
 * count, so idle gateways do not shrink a busy one's share; when it starts again it may briefly
 * take more than its share and the excess is answered {@code OVERLOADED}, as before.
 */
final class ChannelCredit {

    static final long ACTIVE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long RECOUNT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final IntSupplier admitted;
    private final int perChannelCeiling;
    private final LongSupplier clock;
    private final Set<Lane> lanes = ConcurrentHashMap.newKeySet();
    private volatile int active;
    private volatile long countedAt;

    /**
     * @param admitted          how many bulk events intake admits at once, read on every use
     * @param perChannelCeiling the most any one channel gets (its connection's budget)
     */
    ChannelCredit(IntSupplier admitted, int perChannelCeiling) {
        this(admitted, perChannelCeiling, System::nanoTime);
    }

    ChannelCredit(IntSupplier admitted, int perChannelCeiling, LongSupplier clock) {
        this.admitted = admitted;
        this.perChannelCeiling = Math.max(1, perChannelCeiling);
        this.clock = clock;
        this.countedAt = clock.getAsLong() - RECOUNT_NANOS;
    }

    /** A channel opened; {@link Lane#close()} when it ends. */
    Lane open() {
        Lane lane = new Lane();
        lanes.add(lane);
        countedAt = clock.getAsLong() - RECOUNT_NANOS;
        return lane;
    }

    int openChannels() {
        return lanes.size();
    }

    /** The share of one sending channel now. */
    int share() {
        long now = clock.getAsLong();
        if (now - countedAt >= RECOUNT_NANOS) {
            int sending = 0;
            for (Lane lane : lanes) {
                if (lane.sending(now)) {
                    sending++;
                }
            }
            active = sending;
            countedAt = now;
        }
        return Math.min(perChannelCeiling, admitted.getAsInt() / Math.max(1, active));
    }

    /** One channel's credit. */
    final class Lane implements IntSupplier, AutoCloseable {

        /** A channel opens to send: it counts as sending from the start, until it has been silent for a second. */
        private volatile long lastFrame = clock.getAsLong();

        /** A frame arrived on this channel. */
        void heard() {
            lastFrame = clock.getAsLong();
        }

        boolean sending(long now) {
            return now - lastFrame < ACTIVE_NANOS;
        }

        @Override
        public int getAsInt() {
            return share();
        }

        @Override
        public void close() {
            lanes.remove(this);
        }
    }
}
