package kr.anshim.backend.security;

import io.rsocket.RSocket;
import jakarta.annotation.PreDestroy;
import kr.anshim.backend.device.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open USER connections of this backend instance, by session. Sessions in the database are the
 * single truth: every {@code anshim.security.recheck-every} (2 s) and right after any change made
 * here (sign-out, an ended session, deactivation, a role, ward or password change), one query finds
 * which of the open connections' sessions are still valid (not ended, not expired, the user active
 * and approved, role and wards unchanged); every other connection is closed. A user whose wards
 * changed reconnects with the same session and gets the new scope; everything else must sign in again.
 */
@Component
class OpenUserConnections {

    private static final Logger log = LoggerFactory.getLogger(OpenUserConnections.class);

    private record Open(String sessionSha256, Caller caller, RSocket socket) {
    }

    private final DatabaseClient db;
    private final Clock clock;
    private final Duration every;
    private final Set<Open> open = ConcurrentHashMap.newKeySet();
    private volatile Disposable ticker;

    OpenUserConnections(kr.anshim.backend.storage.ScreenDatabase screens, Clock clock,
                        @Value("${anshim.security.recheck-every:PT2S}") Duration every) {
        this.db = screens.client();
        this.clock = clock;
        this.every = every;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        ticker = Flux.interval(every, every)
                .onBackpressureDrop()
                .concatMap(tick -> recheck().onErrorResume(error -> {
                    log.warn("Could not re-check the open user sessions: {}", error.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    @PreDestroy
    void stop() {
        if (ticker != null) {
            ticker.dispose();
        }
    }

    void register(String token, Caller caller, RSocket socket) {
        Open entry = new Open(Tokens.sha256(token), caller, socket);
        open.add(entry);
        socket.onClose().doFinally(signal -> open.remove(entry)).subscribe(null, error -> { });
    }

    /** Open connections per session digest. */
    Map<String, Integer> counts() {
        Map<String, Integer> counts = new HashMap<>();
        open.forEach(o -> counts.merge(o.sessionSha256(), 1, Integer::sum));
        return counts;
    }

    /** Closes every open connection whose session is no longer valid as it was opened. */
    Mono<Void> recheck() {
        if (open.isEmpty()) {
            return Mono.empty();
        }
        List<Open> snapshot = List.copyOf(open);
        String[] sessions = snapshot.stream().map(Open::sessionSha256).distinct().toArray(String[]::new);
        return db.sql("""
                        select s.token_sha256, u.role, u.ward_codes from user_session s join app_user u on u.username = s.username
                        where s.token_sha256 = any($1) and s.expires_at > $2 and u.active and u.approved""")
                .bind(0, sessions)
                .bind(1, clock.instant().atOffset(ZoneOffset.UTC))
                .map(row -> Map.entry(row.get("token_sha256", String.class).strip(),
                        new Caller(kr.anshim.api.ConnectionCredentials.Kind.USER, "", Set.copyOf(Arrays.asList(
                                row.get("ward_codes", String[].class))), Role.valueOf(row.get("role", String.class)))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .doOnNext(valid -> snapshot.forEach(o -> {
                    Caller now = valid.get(o.sessionSha256());
                    if (now == null || now.role() != o.caller().role() || !now.wards().equals(o.caller().wards())) {
                        log.info("Closing {}'s connection: {}", o.caller().id(), now == null
                                ? "session ended or expired, or user deactivated" : "role or wards changed");
                        open.remove(o);
                        o.socket().dispose();
                    }
                }))
                .then();
    }
}
