package kr.anshim.backend.cluster;

import org.springframework.context.SmartLifecycle;

/**
 * Start and stop order: the ward owner's stage first up and last down ({@code WardOwner}), then the
 * edge and the change feed, then the owner's consumer, which stops first so that its wards are
 * handed over (offsets committed, group left) while the stage and the producer still work.
 */
final class ClusterPhases {

    static final int EDGE = SmartLifecycle.DEFAULT_PHASE - 50;
    static final int OWNER_LOOP = SmartLifecycle.DEFAULT_PHASE - 10;

    private ClusterPhases() {
    }
}
