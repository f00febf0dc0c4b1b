package kr.anshim.ui.backend;

import kr.anshim.api.LiveFrame;
import kr.anshim.api.Routes;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

import java.time.Duration;

/**
 * The live incident stream for one screen: a snapshot of the open incidents, a marker, then every
 * change ({@link LiveFrame}), with bounded demand. When the connection drops it resubscribes with
 * backoff and so receives a fresh snapshot, which replaces the screen's model at its marker.
 */
@Service
public class LiveIncidents {

    private final RSocketRequester backend;

    LiveIncidents(RSocketRequester backend) {
        this.backend = backend;
    }

    public Flux<LiveFrame> stream() {
        return backend.route(Routes.INCIDENTS_LIVE)
                .retrieveFlux(LiveFrame.class)
                .limitRate(ScreenData.DEMAND)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(5)));
    }
}
