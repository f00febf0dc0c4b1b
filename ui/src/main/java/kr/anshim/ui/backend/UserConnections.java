package kr.anshim.ui.backend;

import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.LogoutRequest;
import kr.anshim.api.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import kr.anshim.ui.security.AnshimUser;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.session.HttpSessionDestroyedEvent;
import org.springframework.stereotype.Component;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One RSocket connection per signed-in user, authenticated with the user's session token, so the
 * backend scopes and masks everything for that user. Closed, and the backend session ended, when the
 * user signs out or the HTTP session ends; the backend closes it by itself when the session is ended
 * there (an admin, deactivation, a role change, expiry).
 */
@Component
public class UserConnections {

    private static final Logger log = LoggerFactory.getLogger(UserConnections.class);

    private final RSocketStrategies strategies;
    private final BackendProperties backend;
    private final Map<String, RSocketRequester> byToken = new ConcurrentHashMap<>();

    private final RSocketRequester service;

    UserConnections(RSocketStrategies strategies, BackendProperties backend, RSocketRequester service) {
        this.strategies = strategies;
        this.backend = backend;
        this.service = service;
    }

    /**
     * Ends the user's backend session (relayed over the service connection, which may do only this
     * and sign-in for a user) and closes their own connection. Called on sign-out and when the HTTP
     * session ends.
     */
    public void signOut(AnshimUser user) {
        service.route(Routes.LOGOUT).data(new LogoutRequest(user.username(), user.token())).retrieveMono(Void.class)
                .timeout(Duration.ofSeconds(10))
                .subscribe(null, error -> log.warn("Could not end {}'s backend session: {}", user.username(), error.toString()));
        RSocketRequester requester = byToken.remove(user.token());
        if (requester != null) {
            requester.dispose();
        }
    }

    public RSocketRequester of(AnshimUser user) {
        return byToken.computeIfAbsent(user.token(), token -> RSocketRequester.builder()
                .rsocketStrategies(strategies)
                .dataMimeType(MediaType.APPLICATION_JSON)
                .setupData(ConnectionCredentials.user(user.username(), token))
                .rsocketConnector(connector -> connector.reconnect(
                        Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(5))))
                .transport(new FailoverTransport(backend.targets())));
    }

    @EventListener
    void sessionEnded(HttpSessionDestroyedEvent event) {
        for (SecurityContext context : event.getSecurityContexts()) {
            if (context.getAuthentication() != null && context.getAuthentication().getPrincipal() instanceof AnshimUser user) {
                signOut(user);
            }
        }
    }
}
