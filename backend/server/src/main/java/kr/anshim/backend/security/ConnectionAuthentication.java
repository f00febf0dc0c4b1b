package kr.anshim.backend.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.ReferenceCountUtil;
import io.rsocket.ConnectionSetupPayload;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.SocketAcceptor;
import io.rsocket.exceptions.RejectedSetupException;
import io.rsocket.plugins.SocketAcceptorInterceptor;
import io.rsocket.util.RSocketProxy;
import kr.anshim.api.ConnectionCredentials;
import kr.anshim.backend.device.DeviceRegistry;
import kr.anshim.backend.device.Tokens;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * Authenticates every RSocket connection from the SETUP frame's data ({@link ConnectionCredentials}
 * as JSON) and puts the resulting {@link Caller} into the Reactor context of every request on that
 * connection. Unknown ids, wrong tokens and revoked devices are refused at setup; the error says
 * which credentials were refused, never whether the id exists.
 */
@Component
public class ConnectionAuthentication implements SocketAcceptorInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ConnectionAuthentication.class);

    private final DeviceRegistry registry;
    private final ServiceTokens services;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final UserDirectory users;

    private final DeviceResponder devices;
    private final ConnectionLimits limits;
    private final OpenUserConnections openUsers;

    ConnectionAuthentication(DeviceRegistry registry, ServiceTokens services, ObjectMapper json, MeterRegistry meters,
                             UserDirectory users, DeviceResponder devices, ConnectionLimits limits, OpenUserConnections openUsers) {
        this.openUsers = openUsers;
        this.devices = devices;
        this.limits = limits;
        this.users = users;
        this.registry = registry;
        this.services = services;
        this.json = json;
        this.meters = meters;
    }

    @Override
    public SocketAcceptor apply(SocketAcceptor accepted) {
        return (setup, sendingSocket) -> {
            Optional<String> badSetup = limits.checkSetup(setup);
            if (badSetup.isPresent()) {
                count("refused", "BAD_SETUP");
                return Mono.error(new RejectedSetupException(badSetup.get()));
            }
            return registry.ready().timeout(limits.startWait())
                    .onErrorMap(java.util.concurrent.TimeoutException.class,
                            e -> new RejectedSetupException("the control centre is starting; connect again shortly"))
                    .then(Mono.defer(() -> authenticateSetup(setup, sendingSocket, accepted)));
        };
    }

    private Mono<RSocket> authenticateSetup(ConnectionSetupPayload setup, RSocket sendingSocket, SocketAcceptor accepted) {
        {
            Optional<ConnectionCredentials> credentials = read(setup);
            return credentials.map(this::authenticate).orElse(Mono.empty())
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .flatMap(caller -> accept(credentials, caller, setup, sendingSocket, accepted));
        }
    }

    private Mono<RSocket> accept(Optional<ConnectionCredentials> credentials, Optional<Caller> caller,
                                 ConnectionSetupPayload setup, RSocket sendingSocket, SocketAcceptor accepted) {
        {
            if (caller.isEmpty()) {
                String who = credentials.map(c -> c.kind() + " " + c.id()).orElse("a connection without credentials");
                count("refused", credentials.map(c -> c.kind().name()).orElse("NONE"));
                log.info("Refused {}", who);
                return Mono.error(new RejectedSetupException(credentials.isEmpty()
                        ? "credentials required: send {\"kind\",\"id\",\"token\"} as JSON in the SETUP data"
                        : "refused " + who + ": unknown id, wrong token or revoked"));
            }
            Optional<Runnable> place = limits.tryOpen(caller.get());
            if (place.isEmpty()) {
                count("refused", "TOO_MANY_CONNECTIONS");
                return Mono.error(new RejectedSetupException("too many open connections for " + caller.get().kind()
                        + " " + caller.get().id() + "; close one first"));
            }
            sendingSocket.onClose().doFinally(signal -> place.get().run()).subscribe(null, error -> { });
            if (caller.get().kind() == ConnectionCredentials.Kind.USER) {
                // closed as soon as its session ends, expires or no longer matches the user (OpenUserConnections)
                openUsers.register(credentials.get().token(), caller.get(), sendingSocket);
            }
            count("accepted", caller.get().kind().name());
            Caller who = caller.get();
            return accepted.accept(setup, sendingSocket)
                    .doOnError(error -> place.get().run())
                    .map(handler -> switch (who.kind()) {
                        case DEVICE, GATEWAY -> withCaller(devices.responderFor(who, setup.metadataMimeType(), handler), who);
                        case SERVICE -> withCaller(handler, who);
                        case USER -> withCaller(limits.limitStreams(handler), who);
                    });
        }
    }

    private Optional<ConnectionCredentials> read(ConnectionSetupPayload setup) {
        try {
            if (!setup.data().isReadable()) {
                return Optional.empty();
            }
            ConnectionCredentials credentials = json.readValue(setup.getDataUtf8(), ConnectionCredentials.class);
            return credentials.kind() == null || credentials.id() == null || credentials.token() == null
                    ? Optional.empty() : Optional.of(credentials);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private Mono<Caller> authenticate(ConnectionCredentials credentials) {
        return switch (credentials.kind()) {
            case DEVICE -> Mono.justOrEmpty(registry.find(credentials.id())
                    .filter(device -> !device.revoked() && Tokens.matches(credentials.token(), device.tokenSha256()))
                    .map(device -> new Caller(credentials.kind(), device.id(), java.util.Set.of())));
            case GATEWAY -> Mono.justOrEmpty(registry.gateway(credentials.id())
                    .filter(gateway -> !gateway.revoked() && Tokens.matches(credentials.token(), gateway.tokenSha256()))
                    .map(gateway -> new Caller(credentials.kind(), gateway.id(), gateway.wards())));
            case SERVICE -> services.matches(credentials.id(), credentials.token())
                    ? Mono.just(new Caller(credentials.kind(), credentials.id(), java.util.Set.of()))
                    : Mono.empty();
            case USER -> users.session(credentials.id(), credentials.token());
        };
    }

    private void count(String outcome, String kind) {
        meters.counter("anshim.connections", "outcome", outcome, "kind", kind).increment();
    }

    private static RSocket withCaller(RSocket handler, Caller caller) {
        return new RSocketProxy(handler) {
            @Override
            public Mono<Void> fireAndForget(Payload payload) {
                return super.fireAndForget(payload).contextWrite(c -> c.put(Callers.KEY, caller));
            }

            @Override
            public Mono<Payload> requestResponse(Payload payload) {
                return super.requestResponse(payload).contextWrite(c -> c.put(Callers.KEY, caller));
            }

            @Override
            public Flux<Payload> requestStream(Payload payload) {
                return super.requestStream(payload).contextWrite(c -> c.put(Callers.KEY, caller));
            }

            @Override
            public Flux<Payload> requestChannel(Publisher<Payload> payloads) {
                return super.requestChannel(payloads).contextWrite(c -> c.put(Callers.KEY, caller));
            }

            @Override
            public Mono<Void> metadataPush(Payload payload) {
                ReferenceCountUtil.safeRelease(payload);
                return Mono.empty();
            }
        };
    }
}
