package kr.anshim.backend.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rsocket.ConnectionSetupPayload;
import io.rsocket.RSocket;
import io.rsocket.SocketAcceptor;
import io.rsocket.core.RSocketServer;
import io.rsocket.plugins.SocketAcceptorInterceptor;
import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.ConnectionCredentials.Kind;
import org.springframework.boot.rsocket.server.RSocketServerCustomizer;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code anshim.connections.open{kind}}: RSocket connections open now, by the kind they
 * authenticated as; {@code kind="SERVICE"} (and {@code USER}) are the connected screens. A
 * connection counts once its acceptor chain, authentication included, has accepted it, so a
 * refused connection never counts, whichever order the interceptors run in.
 */
@Component
class OpenConnections implements SocketAcceptorInterceptor, RSocketServerCustomizer {

    private final ObjectMapper json;
    private final Map<Kind, AtomicInteger> open = new EnumMap<>(Kind.class);

    OpenConnections(ObjectMapper json, MeterRegistry meters) {
        this.json = json;
        for (Kind kind : Kind.values()) {
            AtomicInteger count = new AtomicInteger();
            open.put(kind, count);
            Gauge.builder("anshim.connections.open", count, AtomicInteger::get)
                    .tag("kind", kind.name())
                    .description("RSocket connections open now, by kind")
                    .register(meters);
        }
    }

    @Override
    public void customize(RSocketServer server) {
        server.interceptors(registry -> registry.forSocketAcceptor(this));
    }

    @Override
    public SocketAcceptor apply(SocketAcceptor next) {
        return (setup, sendingSocket) -> {
            Optional<Kind> kind = kind(setup);
            return next.accept(setup, sendingSocket)
                    .doOnNext(handler -> kind.ifPresent(k -> track(k, sendingSocket)));
        };
    }

    /**
     * Counts the connection until it closes. Subscribing to the close signal is how RSocket tells
     * about a closed connection; it completes (or errors) exactly once, when the connection ends.
     */
    private void track(Kind kind, RSocket connection) {
        AtomicInteger count = open.get(kind);
        count.incrementAndGet();
        connection.onClose().doFinally(signal -> count.decrementAndGet()).subscribe(null, error -> { });
    }

    /** The kind the connection claims; authentication decides whether it is accepted. */
    private Optional<Kind> kind(ConnectionSetupPayload setup) {
        try {
            return setup.data().isReadable()
                    ? Optional.ofNullable(json.readValue(setup.getDataUtf8(), ConnectionCredentials.class).kind())
                    : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
