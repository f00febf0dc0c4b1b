package kr.anshim.backend.metrics;

import kr.anshim.api.Ack;
import kr.anshim.api.CommandResult;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceEvent;
import kr.anshim.api.IncidentCommand;
import kr.anshim.api.ResponderView;
import kr.anshim.api.Routes;
import kr.anshim.api.TransitionView;
import kr.anshim.backend.TestDevices;
import kr.anshim.backend.responder.ResponderRoster;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Real traffic for the metrics tests: alarms from a gateway, commands and audit trails from a screen, over RSocket. */
final class IncidentTraffic {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RSocketRequester gateway;
    private final RSocketRequester screen;
    private final DatabaseClient db;
    private final ResponderRoster roster;

    /** Who acts: the connection of the signed-in user a command's actor names (a user acts only under their own name). */
    private final java.util.function.Function<String, RSocketRequester> actors;

    IncidentTraffic(RSocketRequester gateway, RSocketRequester screen, DatabaseClient db, ResponderRoster roster) {
        this(gateway, screen, db, roster, actor -> screen);
    }

    IncidentTraffic(RSocketRequester gateway, RSocketRequester screen, DatabaseClient db, ResponderRoster roster,
                    java.util.function.Function<String, RSocketRequester> actors) {
        this.gateway = gateway;
        this.screen = screen;
        this.db = db;
        this.roster = roster;
        this.actors = actors;
    }

    /** A forced entry at the device's door; returns the incident it opened, once it is durably stored. */
    UUID raise(DemoCity.Device camera) {
        UUID eventId = UUID.randomUUID();
        Ack ack = gateway.route(Routes.ALARM)
                .data(new DeviceEvent(eventId, camera.id(), Instant.now(), "FORCED_ENTRY", Map.of()))
                .retrieveMono(Ack.class).block(WAIT);
        assertThat(ack.durable()).isTrue();
        return db.sql("select incident_id from device_event where event_id = $1").bind(0, eventId)
                .map(row -> row.get("incident_id", UUID.class)).one().block(WAIT);
    }

    Ack badEvent(DemoCity.Device camera) {
        return gateway.route(Routes.ALARM).data(TestDevices.event(camera, "SMOKE", Map.of())).retrieveMono(Ack.class).block(WAIT);
    }

    CommandResult accept(UUID incident, IncidentCommand.Action action, String actor) {
        return accept(IncidentCommand.of(incident, action, actor));
    }

    CommandResult accept(IncidentCommand command) {
        CommandResult result = actors.apply(command.actor()).route(Routes.INCIDENT_COMMAND).data(command).retrieveMono(CommandResult.class).block(WAIT);
        assertThat(result.error()).isNull();
        assertThat(result.accepted()).isTrue();
        return result;
    }

    /** Dispatches an available responder of the kind from the incident's ward. */
    ResponderView dispatch(UUID incident, String kind, String actor) {
        String ward = wardOf(incident);
        ResponderView responder = roster.all().stream()
                .filter(r -> r.wardCode().equals(ward) && r.kind().equals(kind) && r.status().equals("AVAILABLE"))
                .findFirst().orElseThrow(() -> new AssertionError("no available " + kind + " in ward " + ward));
        accept(IncidentCommand.of(incident, IncidentCommand.Action.DISPATCH, actor).dispatching(responder.id(), false, false));
        return responder;
    }

    String wardOf(UUID incident) {
        return db.sql("select ward_code from incident where id = $1").bind(0, incident)
                .map(row -> row.get("ward_code", String.class)).one().block(WAIT);
    }

    List<TransitionView> history(UUID incident) {
        return screen.route(Routes.INCIDENT_HISTORY).data(incident.toString()).retrieveFlux(TransitionView.class)
                .collectList().block(WAIT);
    }

    /** Seconds from the first transition to {@code from} to the first to {@code to}, as the reports compute them. */
    static double seconds(List<TransitionView> trail, String from, String to) {
        return Duration.between(first(trail, from).at(), first(trail, to).at()).toNanos() / 1_000_000_000.0;
    }

    private static TransitionView first(List<TransitionView> trail, String kindAndState) {
        return trail.stream().filter(t -> (t.kind() + ":" + t.to()).equals(kindAndState)).findFirst()
                .orElseThrow(() -> new AssertionError(kindAndState + " not in " + trail));
    }
}
