package kr.anshim.backend.security;

import kr.anshim.api.ConnectionCredentials.Kind;
import org.springframework.messaging.MessagingException;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import java.util.EnumSet;
import java.util.Set;

/** Reads the caller the connection authenticated as, and refuses callers a route is not for. */
public final class Callers {

    static final Class<Caller> KEY = Caller.class;

    private Callers() {
    }

    /** The caller, or an error if the route is not for its kind. */
    public static Mono<Caller> require(Kind first, Kind... more) {
        Set<Kind> allowed = EnumSet.of(first, more);
        return Mono.deferContextual(context -> {
            Caller caller = caller(context);
            if (caller == null) {
                return Mono.error(new MessagingException("not authenticated"));
            }
            if (!allowed.contains(caller.kind())) {
                return Mono.error(new MessagingException("a " + caller.kind() + " connection may not use this route"));
            }
            return Mono.just(caller);
        });
    }

    static Caller caller(ContextView context) {
        return context.getOrDefault(KEY, null);
    }
}
