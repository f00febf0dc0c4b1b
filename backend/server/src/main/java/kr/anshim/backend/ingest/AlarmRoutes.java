package kr.anshim.backend.ingest;

import kr.anshim.api.Ack;
import kr.anshim.api.Routes;
import kr.anshim.backend.security.Callers;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static kr.anshim.api.ConnectionCredentials.Kind.DEVICE;
import static kr.anshim.api.ConnectionCredentials.Kind.GATEWAY;

/**
 * The device-facing routes, for device and gateway connections only. Request-response for a
 * single device; request-channel for gateways and load runs, where each event still gets its own
 * acknowledgement after its own commit and a bad event never ends the channel.
 */
@Controller
class AlarmRoutes {

    /**
     * Acknowledgements a channel may have outstanding; more events wait in the channel.
     * {@code flatMapSequential}, not {@code flatMap}: acknowledgements complete batch by batch in
     * arrival order, and the sequential merge only looks at its head, where flatMap's drain loop
     * scanned all 1,024 inners on every completion (the top of the profile at 4,000 events/s).
     */
    static final int CHANNEL_CONCURRENCY = 1024;

    private final DeviceIngest ingest;
    private final HeartbeatIngest heartbeats;

    AlarmRoutes(DeviceIngest ingest, HeartbeatIngest heartbeats) {
        this.ingest = ingest;
        this.heartbeats = heartbeats;
    }

    @MessageMapping(Routes.ALARM)
    Mono<Ack> alarm(byte[] event) {
        return Callers.require(DEVICE, GATEWAY).flatMap(caller -> ingest.accept(event, caller));
    }

    @MessageMapping(Routes.ALARMS)
    Flux<Ack> alarms(Flux<byte[]> events) {
        return Callers.require(DEVICE, GATEWAY)
                .flatMapMany(caller -> events.flatMapSequential(event -> ingest.accept(event, caller), CHANNEL_CONCURRENCY, 1));
    }

    /** Fire-and-forget: nothing to answer; a bad heartbeat is counted. */
    @MessageMapping(Routes.HEARTBEAT)
    Mono<Void> heartbeat(byte[] event) {
        return Callers.require(DEVICE, GATEWAY).flatMap(caller -> heartbeats.accept(event, caller));
    }
}
