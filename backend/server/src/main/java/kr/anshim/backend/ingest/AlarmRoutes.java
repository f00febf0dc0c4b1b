package kr.anshim.backend.ingest;

import kr.anshim.api.Ack;
import kr.anshim.api.Routes;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * The device-facing routes. Request-response for a single device; request-channel for gateways
 * and load runs, where each event still gets its own acknowledgement after its own commit.
 */
@Controller
class AlarmRoutes {

    /** Acknowledgements a channel may have outstanding; more events wait in the channel. */
    static final int CHANNEL_CONCURRENCY = 1024;

    private final DeviceIngest ingest;
    private final HeartbeatIngest heartbeats;

    AlarmRoutes(DeviceIngest ingest, HeartbeatIngest heartbeats) {
        this.ingest = ingest;
        this.heartbeats = heartbeats;
    }

    /** Fire-and-forget: nothing to answer, a bad heartbeat is only counted. */
    @MessageMapping(Routes.HEARTBEAT)
    Mono<Void> heartbeat(byte[] event) {
        heartbeats.accept(event, Optional.empty());
        return Mono.empty();
    }

    @MessageMapping(Routes.ALARM)
    Mono<Ack> alarm(byte[] event) {
        return ingest.accept(event, Optional.empty());
    }

    @MessageMapping(Routes.ALARMS)
    Flux<Ack> alarms(Flux<byte[]> events) {
        return events.flatMap(event -> ingest.accept(event, Optional.empty()), CHANNEL_CONCURRENCY);
    }
}
