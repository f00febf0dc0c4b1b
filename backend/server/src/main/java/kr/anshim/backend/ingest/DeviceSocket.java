package kr.anshim.backend.ingest;

import io.netty.buffer.ByteBuf;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.metadata.CompositeMetadata;
import io.rsocket.metadata.RoutingMetadata;
import io.rsocket.metadata.WellKnownMimeType;
import io.rsocket.util.DefaultPayload;
import io.rsocket.util.RSocketProxy;
import kr.anshim.api.Ack;
import kr.anshim.api.Routes;
import kr.anshim.backend.security.Caller;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.util.Iterator;

/**
 * One device or gateway connection. The three intake routes and {@code device.snapshot} (a path of
 * its own, {@link SnapshotIntake}) are answered here, one {@link Ack}
 * per frame, whatever the frame holds (empty, not JSON, too large): no frame can end a channel or
 * go unanswered, and nothing passes through a generic decoder that could drop or fail it. Other
 * routes (a gateway's responder positions) go to the annotated controllers.
 */
final class DeviceSocket extends RSocketProxy {

    private static final String ROUTING = WellKnownMimeType.MESSAGE_RSOCKET_ROUTING.getString();
    private static final String COMPOSITE = WellKnownMimeType.MESSAGE_RSOCKET_COMPOSITE_METADATA.getString();

    private final Caller caller;
    private final String metadataMimeType;
    private final DeviceIngest ingest;
    private final HeartbeatIngest heartbeats;
    private final SnapshotIntake snapshots;
    private final ConnectionBudget budget;
    private final ChannelCredit credit;
    private final Scheduler sender;

    DeviceSocket(RSocket routes, Caller caller, String metadataMimeType, DeviceIngest ingest, HeartbeatIngest heartbeats,
                 SnapshotIntake snapshots, ConnectionBudget budget, ChannelCredit credit, Scheduler sender) {
        super(routes);
        this.caller = caller;
        this.metadataMimeType = metadataMimeType;
        this.ingest = ingest;
        this.heartbeats = heartbeats;
        this.snapshots = snapshots;
        this.budget = budget;
        this.credit = credit;
        this.sender = sender;
    }

    @Override
    public Mono<Payload> requestResponse(Payload payload) {
        String route = route(payload);
        if (Routes.ALARM.equals(route)) {
            return ingest.accept(take(payload), caller, budget, false).map(this::encode);
        }
        if (Routes.SNAPSHOT.equals(route)) {
            return snapshots.accept(take(payload), caller).map(this::encode);
        }
        return super.requestResponse(payload);
    }

    @Override
    public Mono<Void> fireAndForget(Payload payload) {
        if (!Routes.HEARTBEAT.equals(route(payload))) {
            return super.fireAndForget(payload);
        }
        return heartbeats.accept(take(payload), caller, budget);
    }

    /**
     * Acknowledgements leave as their events are decided, not in arrival order: a refusal (above
     * all {@code OVERLOADED} while shedding) must not wait behind earlier events' commits. Gateways
     * match acks by {@code eventId}. The channel asks for no more frames than its share of what
     * intake admits ({@link ChannelCredit}); see {@link AlarmChannel}.
     */
    @Override
    public Flux<Payload> requestChannel(Publisher<Payload> payloads) {
        return Flux.from(payloads).switchOnFirst((first, all) -> {
            if (first.hasValue() && Routes.ALARMS.equals(route(first.get()))) {
                ChannelCredit.Lane lane = credit.open();
                return AlarmChannel.answer(all.map(DeviceSocket::take).doOnNext(frame -> lane.heard()), lane,
                                event -> ingest.accept(event, caller, budget, true), ingest::notTaken, this::encode, sender)
                        .doFinally(signal -> lane.close());
            }
            return super.requestChannel(all);
        });
    }

    private Payload encode(Ack ack) {
        return DefaultPayload.create(AckJson.encode(ack));
    }

    /** The frame's data as bytes; the frame is released. */
    private static byte[] take(Payload payload) {
        try {
            ByteBuf data = payload.sliceData();
            byte[] bytes = new byte[data.readableBytes()];
            data.getBytes(data.readerIndex(), bytes);
            return bytes;
        } finally {
            payload.release();
        }
    }

    /** The route named in the frame's metadata, or null; never throws for malformed metadata. */
    private String route(Payload payload) {
        if (!payload.hasMetadata()) {
            return null;
        }
        try {
            ByteBuf metadata = payload.sliceMetadata();
            if (ROUTING.equals(metadataMimeType)) {
                return firstTag(new RoutingMetadata(metadata));
            }
            if (COMPOSITE.equals(metadataMimeType)) {
                for (CompositeMetadata.Entry entry : new CompositeMetadata(metadata, false)) {
                    if (ROUTING.equals(entry.getMimeType())) {
                        return firstTag(new RoutingMetadata(entry.getContent()));
                    }
                }
            }
            return null;
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    private static String firstTag(RoutingMetadata routing) {
        Iterator<String> tags = routing.iterator();
        return tags.hasNext() ? tags.next() : null;
    }
}
