package kr.anshim.backend.security;

import kr.anshim.api.CommandResult;
import kr.anshim.api.IncidentCommand;
import kr.anshim.api.IncidentDetail;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.ResponderRoutes;
import kr.anshim.api.ResponderView;
import kr.anshim.api.ResponseTimeQuery;
import kr.anshim.api.Routes;
import kr.anshim.api.TransitionView;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The service token only relays sign-in and sign-out; screen data and commands need the user's own connection. */
@BackendIT
class ServiceConnectionIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalRSocketServerPort
    int port;

    @Autowired
    RSocketStrategies strategies;

    @Test
    void a_service_connection_is_refused_on_screen_routes_while_a_user_connection_works() {
        RSocketRequester service = TestConnections.service(strategies, port);
        RSocketRequester user = TestConnections.signedIn(strategies, port, "supervisor", "anshim-demo");
        UUID someIncident = UUID.randomUUID();
        Instant now = Instant.now();

        List<LiveFrame> frames = user.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class)
                .takeUntil(f -> f.type() == LiveFrame.Type.MARKER).collectList().block(WAIT);
        assertThat(frames).extracting(LiveFrame::type).contains(LiveFrame.Type.BEGIN, LiveFrame.Type.MARKER);

        refused(service.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).then());
        refused(service.route(Routes.INCIDENT_DETAIL).data(someIncident.toString()).retrieveMono(IncidentDetail.class));
        refused(service.route(Routes.INCIDENT_HISTORY).data(someIncident.toString()).retrieveFlux(TransitionView.class).then());
        refused(service.route(ResponderRoutes.RESPONDERS_LIVE).retrieveFlux(ResponderView.class).then());
        refused(service.route(Routes.RESPONSE_TIME_SUMMARY).data(ResponseTimeQuery.of(now.minusSeconds(60), now, "ward"))
                .retrieveMono(Object.class));
        CommandResult command = service.route(Routes.INCIDENT_COMMAND)
                .data(IncidentCommand.of(someIncident, IncidentCommand.Action.ACKNOWLEDGE, "op.mapo"))
                .retrieveMono(CommandResult.class).onErrorResume(e -> Mono.just(CommandResult.refused(e.getMessage(), null)))
                .block(WAIT);
        assertThat(command.accepted()).isFalse();
        assertThat(command.error()).contains("may not use this route");

        CommandResult byUser = user.route(Routes.INCIDENT_COMMAND)
                .data(IncidentCommand.of(someIncident, IncidentCommand.Action.ACKNOWLEDGE, "op.mapo"))
                .retrieveMono(CommandResult.class).block(WAIT);
        assertThat(byUser.error()).as("the user's own connection reaches the command").startsWith("no incident");
        service.dispose();
        user.dispose();
    }

    private static void refused(Mono<?> request) {
        StepVerifier.create(request)
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("a SERVICE connection may not use this route"))
                .verify(WAIT);
    }
}
