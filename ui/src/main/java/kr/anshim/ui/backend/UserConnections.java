package kr.anshim.ui.backend;

import kr.anshim.api.ConnectionCredentials;
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
 * backend scopes and masks everything for that user. Closed when the HTTP session ends.
 */
@Component
public class UserConnections {

    private final RSocketStrategies strategies;
    private final BackendProperties backend;
    private final Map<String, RSocketRequester> byToken = new ConcurrentHashMap<>();

    UserConnections(RSocketStrategies strategies, BackendProperties backend) {
        this.strategies = strategies;
        this.backend = backend;
    }

    public RSocketRequester of(AnshimUser user) {
        return byToken.computeIfAbsent(user.token(), token -> RSocketRequester.builder()
                .rsocketStrategies(strategies)
                .dataMimeType(MediaType.APPLICATION_JSON)
                .setupData(ConnectionCredentials.user(user.username(), token))
                .rsocketConnector(connector -> connector.reconnect(
                        Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(5))))
                .tcp(backend.host(), backend.port()));
    }

    @EventListener
    void sessionEnded(HttpSessionDestroyedEvent event) {
        for (SecurityContext context : event.getSecurityContexts()) {
            if (context.getAuthentication() != null && context.getAuthentication().getPrincipal() instanceof AnshimUser user) {
                RSocketRequester requester = byToken.remove(user.token());
                if (requester != null) {
                    requester.dispose();
                }
            }
        }
    }
}
