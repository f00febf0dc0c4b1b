package kr.anshim.backend.ingest;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * How many frames each open gateway channel may have on their way to a decision: its equal share
 * of what intake admits at once (the admission window, about 250 ms of commits), within the
 * connection's own budget. The shares add up to no more than intake admits, so past capacity
 * gateways hold their frames (RSocket's requestN) instead of sending frames that could only be
 * refused: the server's CPU goes to the alarms it stores, not to reading and refusing the rest.
 */
final class ChannelCredit {

    private final IntSupplier admitted;
    private final int perChannelCeiling;
    private final AtomicInteger open = new AtomicInteger();

    /**
     * @param admitted          how many bulk events intake admits at once, read on every use
     * @param perChannelCeiling the most any one channel gets (its connection's budget)
     */
    ChannelCredit(IntSupplier admitted, int perChannelCeiling) {
        this.admitted = admitted;
        this.perChannelCeiling = Math.max(1, perChannelCeiling);
    }

    /** A channel opened: it gets its share from now on (and the others a smaller one). */
    void opened() {
        open.incrementAndGet();
    }

    void closed() {
        open.decrementAndGet();
    }

    /** One open channel's share now. */
    int share() {
        return Math.min(perChannelCeiling, admitted.getAsInt() / Math.max(1, open.get()));
    }

    int openChannels() {
        return open.get();
    }
}
