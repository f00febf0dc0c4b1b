package kr.anshim.ui.backend;

import kr.anshim.api.IncidentView;
import kr.anshim.api.Routes;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

import java.time.Duration;

/**
 * The live incident stream for one screen: a snapshot of the open incidents, then every change.
 * When the connection drops it resubscribes with backoff and so receives a fresh snapshot.
 */
@Service
public class LiveIncidents {

    private final RSocketRequester backend;

    LiveIncidents(RSocketRequester backend) {
        this.backend = backend;
    }

    public Flux<IncidentView> stream() {
        return backend.route(Routes.INCIDENTS_LIVE)
                .retrieveFlux(IncidentView.class)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(5)));
    }
}
