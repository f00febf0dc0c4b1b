package kr.anshim.backend.pipeline;

import kr.anshim.backend.incident.Incident;
import kr.anshim.backend.livefeed.LiveFeed;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.Collection;

/** Standalone: the owner's committed changes go straight to this instance's screens. */
@Component
@ConditionalOnProperty(name = "anshim.cluster.enabled", havingValue = "false", matchIfMissing = true)
class LocalChangeFeed implements ChangeFeed {

    private final LiveFeed liveFeed;

    LocalChangeFeed(LiveFeed liveFeed) {
        this.liveFeed = liveFeed;
    }

    @Override
    public void committed(Collection<Incident> changed) {
        changed.forEach(incident -> liveFeed.publish(incident.view()));
    }
}
