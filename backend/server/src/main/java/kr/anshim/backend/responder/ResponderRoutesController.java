package kr.anshim.backend.responder;

import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.ResponderPosition;
import kr.anshim.api.ResponderRecommendation;
import kr.anshim.api.ResponderRoutes;
import kr.anshim.api.ResponderView;
import kr.anshim.backend.incident.Correlator;
import kr.anshim.backend.responder.ResponderInput.Checked;
import kr.anshim.backend.security.Caller;
import kr.anshim.backend.security.Callers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;

import static kr.anshim.api.ConnectionCredentials.Kind.GATEWAY;
import static kr.anshim.api.ConnectionCredentials.Kind.USER;

/**
 * The responder routes, by interaction model: position reports are fire-and-forget (from gateways
 * such as the simulator, and services); recommendations are request-response and the live roster
 * is a request-stream, for services and screen users. Positions are scoped per caller, in the
 * backend: an operator or police liaison sees their own wards' units and any unit sent to one of
 * their incidents, a supervisor (and a service) every unit, an admin none; a recommendation only
 * names units its caller sees. Bad input is counted by route and reason, answered with the reason
 * where there is an answer, and never ends a stream.
 */
@Controller
class ResponderRoutesController {

    /** At most four updates a second per responder reach a screen; the latest of each period wins. */
    static final Duration SCREEN_PERIOD = Duration.ofMillis(250);

    /** How often the status board is sent again (ETAs and stale flags change with time, not only with events). */
    static final Duration BOARD_PERIOD = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(ResponderRoutesController.class);

    private final ResponderRoster roster;
    private final ResponderInput input;
    private final MeterRegistry meters;
    private final Correlator incidents;
    private final java.time.Clock clock;

    ResponderRoutesController(ResponderRoster roster, ResponderInput input, MeterRegistry meters, Correlator incidents,
                              java.time.Clock clock) {
        this.roster = roster;
        this.clock = clock;
        this.incidents = incidents;
        this.input = input;
        this.meters = meters;
        for (String outcome : List.of("accepted", "stale", "rejected")) {
            positions(outcome, 0);
        }
    }

    /** Fire-and-forget: nothing to answer; a bad or stale report is counted and dropped. */
    @MessageMapping(ResponderRoutes.RESPONDER_POSITION)
    Mono<Void> position(byte[] report) {
        return Callers.require(GATEWAY)
                .flatMap(caller -> roster.ready().then(Mono.fromRunnable(() -> accept(report, caller))));
    }

    @MessageMapping(ResponderRoutes.RESPONDERS_RECOMMEND)
    Mono<List<ResponderRecommendation>> recommend(byte[] query) {
        return Callers.require(USER)
                .flatMap(caller -> roster.ready().then(Mono.fromCallable(() -> input.recommendation(query)))
                        .flatMap(checked -> checked.rejection() != null
                                ? Mono.error(checked.rejection())
                                : Mono.just(recommend(checked.value(), caller))));
    }

    /** Every responder, then their changes, thinned for screens. */
    @MessageMapping(ResponderRoutes.RESPONDERS_LIVE)
    Flux<ResponderView> live() {
        return Callers.require(USER)
                .flatMapMany(caller -> roster.ready().thenMany(LatestPerResponder.snapshotThenEvery(
                                roster.changes(), roster::all, SCREEN_PERIOD, Schedulers.parallel()))
                        .filter(responder -> visible(caller, responder)));
    }

    /**
     * The status board of the units the caller sees, now and every {@link #BOARD_PERIOD}; a screen
     * that reads slowly gets the latest board when it asks again, never a queue of old ones.
     */
    @MessageMapping(ResponderRoutes.RESPONDERS_BOARD)
    Flux<kr.anshim.api.ResponderBoard> board() {
        return Callers.require(USER)
                .flatMapMany(caller -> roster.ready().thenMany(Flux.interval(Duration.ZERO, BOARD_PERIOD, Schedulers.parallel())
                        .onBackpressureLatest()
                        .map(tick -> UnitBoard.of(roster.tracked(), unit -> visible(caller, unit.view()),
                                id -> incidents.openIncident(id).map(i -> new UnitBoard.Place(i.latitude(), i.longitude())),
                                clock.instant()))));
    }

    /** Own wards' units, and any unit sent to an open incident in the caller's wards. */
    boolean visible(Caller caller, ResponderView responder) {
        if (caller.sees(responder.wardCode())) {
            return true;
        }
        return responder.incidentId() != null && incidents.openIncident(responder.incidentId())
                .map(incident -> caller.sees(incident.wardCode())).orElse(false);
    }

    /**
     * Bad input and callers a route is not for are expected and already counted: the caller gets the
     * error, whose message says what to fix, without Spring's error log and stack trace for each one.
     */
    @MessageExceptionHandler({RejectedInput.class, MessagingException.class})
    Mono<Void> refused(Exception refusal) {
        log.debug("Refused on a responder route: {}", refusal.getMessage());
        return Mono.error(refusal);
    }

    private void accept(byte[] report, Caller caller) {
        Checked<ResponderPosition> checked = input.position(report, caller);
        if (checked.rejection() != null) {
            positions("rejected", 1);
            log.debug("Position report from {} {} refused: {}", caller.kind(), caller.id(), checked.rejection().getMessage());
            return;
        }
        String outcome = switch (roster.move(checked.value())) {
            case ACCEPTED -> "accepted";
            case STALE -> "stale";
            case UNKNOWN_RESPONDER -> "rejected";
        };
        positions(outcome, 1);
    }

    private List<ResponderRecommendation> recommend(RecommendRequest request, Caller caller) {
        return ClosestResponders.closest(request.latitude(), request.longitude(),
                roster.all().stream().filter(responder -> visible(caller, responder)).toList(), request.perKind());
    }

    private void positions(String outcome, int amount) {
        meters.counter("anshim.responders.positions", "outcome", outcome).increment(amount);
    }
}
