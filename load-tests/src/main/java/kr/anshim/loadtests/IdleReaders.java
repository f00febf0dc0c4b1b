package kr.anshim.loadtests;

import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.LoginRequest;
import kr.anshim.api.LoginResult;
import kr.anshim.api.Routes;
import org.reactivestreams.Subscription;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Screens that stopped reading, for a load run: signed in as the demo supervisor (demo profile
 * only), each stream asks for one frame of {@code incidents.live} and never for more. On the
 * first round's main, 16 of these took every database connection and stopped intake city-wide.
 */
final class IdleReaders {

    private static final int STREAMS_PER_CONNECTION = 25;

    private IdleReaders() {
    }

    static List<Disposable> open(RSocketStrategies strategies, String host, int port, int streams) {
        List<Disposable> open = new ArrayList<>();
        for (int opened = 0; opened < streams; opened += STREAMS_PER_CONNECTION) {
            RSocketRequester user = signedIn(strategies, host, port);
            open.add(user::dispose);
            for (int i = opened; i < Math.min(streams, opened + STREAMS_PER_CONNECTION); i++) {
                BaseSubscriber<LiveFrame> idle = new BaseSubscriber<>() {
                    @Override
                    protected void hookOnSubscribe(Subscription subscription) {
                        subscription.request(1);
                    }

                    @Override
                    protected void hookOnError(Throwable closedAtTheEnd) {
                        // the run closes these connections when it ends
                    }
                };
                user.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).subscribe(idle);
                open.add(idle);
            }
        }
        return open;
    }

    static RSocketRequester signedIn(RSocketStrategies strategies, String host, int port) {
        RSocketRequester service = RSocketRequester.builder().rsocketStrategies(strategies).dataMimeType(MediaType.APPLICATION_JSON)
                .setupData(ConnectionCredentials.service("ui", "demo-ui-token")).tcp(host, port);
        try {
            LoginResult login = service.route(Routes.LOGIN).data(new LoginRequest("supervisor", "anshim-demo", "load-run"))
                    .retrieveMono(LoginResult.class).block(Duration.ofSeconds(30));
            if (login == null || !login.ok()) {
                throw new IllegalStateException("idle readers: could not sign in as the demo supervisor");
            }
            return RSocketRequester.builder().rsocketStrategies(strategies).dataMimeType(MediaType.APPLICATION_JSON)
                    .setupData(ConnectionCredentials.user("supervisor", login.token())).tcp(host, port);
        } finally {
            service.dispose();
        }
    }
}
