package kr.anshim.backend.security;

import io.rsocket.ConnectionSetupPayload;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.exceptions.ApplicationErrorException;
import io.rsocket.metadata.WellKnownMimeType;
import io.rsocket.util.RSocketProxy;
import kr.anshim.api.ConnectionCredentials.Kind;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds on what one party may hold: the SETUP it may declare (JSON data, routing metadata, a sane
 * keepalive), how many connections one device, gateway or user may keep open, and how many
 * streams one user connection may have open at once. Nothing one party does may use up what
 * intake needs.
 */
@Component
class ConnectionLimits {

    static final String JSON = "application/json";
    private static final Set<String> METADATA = Set.of(
            WellKnownMimeType.MESSAGE_RSOCKET_COMPOSITE_METADATA.getString(),
            WellKnownMimeType.MESSAGE_RSOCKET_ROUTING.getString());

    private final Map<Kind, Integer> perIdentity;
    private final int streamsPerUserConnection;
    private final Duration minKeepAlive;
    private final Duration maxKeepAlive;
    private final Duration maxLifetime;
    private final Duration startWait;
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

    ConnectionLimits(@Value("${anshim.connections.per-device:2}") int perDevice,
                     @Value("${anshim.connections.per-gateway:16}") int perGateway,
                     @Value("${anshim.connections.per-user:16}") int perUser,
                     @Value("${anshim.connections.streams-per-user-connection:32}") int streamsPerUserConnection,
                     @Value("${anshim.connections.min-keepalive:PT1S}") Duration minKeepAlive,
                     @Value("${anshim.connections.max-keepalive:PT5M}") Duration maxKeepAlive,
                     @Value("${anshim.connections.max-keepalive-lifetime:PT15M}") Duration maxLifetime,
                     @Value("${anshim.ingest.start-wait:PT5S}") Duration startWait) {
        this.perIdentity = Map.of(Kind.DEVICE, perDevice, Kind.GATEWAY, perGateway, Kind.USER, perUser,
                Kind.SERVICE, Integer.MAX_VALUE);
        this.streamsPerUserConnection = streamsPerUserConnection;
        this.minKeepAlive = minKeepAlive;
        this.maxKeepAlive = maxKeepAlive;
        this.maxLifetime = maxLifetime;
        this.startWait = startWait;
    }

    Duration startWait() {
        return startWait;
    }

    /** Why the SETUP is refused, before any credential is read; empty when it is acceptable. */
    Optional<String> checkSetup(ConnectionSetupPayload setup) {
        if (!JSON.equals(setup.dataMimeType())) {
            return Optional.of("data MIME type must be " + JSON + ", not '" + setup.dataMimeType()
                    + "'; see docs/device-protocol.md");
        }
        if (!METADATA.contains(setup.metadataMimeType())) {
            return Optional.of("metadata MIME type must be " + String.join(" or ", METADATA.stream().sorted().toList())
                    + ", not '" + setup.metadataMimeType() + "'");
        }
        Duration interval = Duration.ofMillis(setup.keepAliveInterval());
        Duration lifetime = Duration.ofMillis(setup.keepAliveMaxLifetime());
        if (interval.compareTo(minKeepAlive) < 0 || interval.compareTo(maxKeepAlive) > 0) {
            return Optional.of("keepalive interval " + interval.toMillis() + " ms is outside " + minKeepAlive.toMillis()
                    + "–" + maxKeepAlive.toMillis() + " ms");
        }
        if (lifetime.compareTo(interval) < 0 || lifetime.compareTo(maxLifetime) > 0) {
            return Optional.of("keepalive max lifetime " + lifetime.toMillis() + " ms must be at least the interval and at most "
                    + maxLifetime.toMillis() + " ms");
        }
        return Optional.empty();
    }

    /** A place for one more connection of this caller, and how to give it back; empty when it has too many. */
    Optional<Runnable> tryOpen(Caller caller) {
        int limit = perIdentity.get(caller.kind());
        if (limit == Integer.MAX_VALUE) {
            return Optional.of(() -> { });
        }
        String key = caller.kind() + ":" + caller.id();
        AtomicInteger count = open.computeIfAbsent(key, k -> new AtomicInteger());
        if (count.incrementAndGet() > limit) {
            count.decrementAndGet();
            return Optional.empty();
        }
        AtomicBoolean released = new AtomicBoolean();
        return Optional.of(() -> {
            if (released.compareAndSet(false, true)) {
                count.decrementAndGet();
            }
        });
    }

    /** Limits the streams and channels open at once on one user connection. */
    RSocket limitStreams(RSocket handler) {
        AtomicInteger streams = new AtomicInteger();
        int limit = streamsPerUserConnection;
        return new RSocketProxy(handler) {
            @Override
            public Flux<Payload> requestStream(Payload payload) {
                return limited(() -> super.requestStream(payload), payload);
            }

            @Override
            public Flux<Payload> requestChannel(Publisher<Payload> payloads) {
                return limited(() -> super.requestChannel(payloads), null);
            }

            private Flux<Payload> limited(java.util.function.Supplier<Flux<Payload>> stream, Payload payload) {
                if (streams.incrementAndGet() > limit) {
                    streams.decrementAndGet();
                    if (payload != null) {
                        payload.release();
                    }
                    return Flux.error(new ApplicationErrorException("too many open streams on this connection (at most "
                            + limit + "); close one first"));
                }
                return stream.get().doFinally(signal -> streams.decrementAndGet());
            }
        };
    }
}
