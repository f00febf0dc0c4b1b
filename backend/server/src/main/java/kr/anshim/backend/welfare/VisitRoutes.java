package kr.anshim.backend.welfare;

import kr.anshim.api.welfare.VisitPosition;
import kr.anshim.api.welfare.VisitRequest;
import kr.anshim.api.welfare.VisitResult;
import kr.anshim.api.welfare.VisitView;
import kr.anshim.api.welfare.WelfareRoutes;
import kr.anshim.backend.security.Callers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.UUID;

import static kr.anshim.api.ConnectionCredentials.Kind.USER;

/**
 * Visits over RSocket, from the UI's form or a visiting team's app (signed in as its officer): register,
 * positions, check-in, panic, and the caller's wards' visits out. Only users who manage the
 * household's ward ({@link Visits#mayManage}); a bad position is refused and counted, never ends the connection.
 */
@Controller
class VisitRoutes {

    private static final Logger log = LoggerFactory.getLogger(VisitRoutes.class);

    private final VisitSafety safety;
    private final Visits visits;
    private final io.micrometer.core.instrument.Counter refusedPositions;

    VisitRoutes(VisitSafety safety, Visits visits, io.micrometer.core.instrument.MeterRegistry meters) {
        this.safety = safety;
        this.visits = visits;
        this.refusedPositions = meters.counter("anshim.welfare.visit.positions.refused");
    }

    @MessageMapping(WelfareRoutes.VISIT_REGISTER)
    Mono<VisitResult> register(VisitRequest request) {
        return Callers.require(USER).flatMap(caller -> visits.ready().then(safety.register(request, caller)));
    }

    @MessageMapping(WelfareRoutes.VISIT_CHECK_IN)
    Mono<VisitResult> checkIn(UUID visitId) {
        return Callers.require(USER).flatMap(caller -> safety.checkIn(visitId, caller));
    }

    @MessageMapping(WelfareRoutes.VISIT_PANIC)
    Mono<VisitResult> panic(UUID visitId) {
        return Callers.require(USER).flatMap(caller -> safety.panic(visitId, caller));
    }

    @MessageMapping(WelfareRoutes.VISIT_POSITION)
    Mono<Void> position(VisitPosition position) {
        return Callers.require(USER).flatMap(caller -> safety.position(position, caller))
                .onErrorResume(error -> {
                    refusedPositions.increment();
                    log.debug("Visit position refused: {}", error.getMessage());
                    return Mono.empty();
                });
    }

    @MessageMapping(WelfareRoutes.VISITS)
    Flux<VisitView> visits() {
        return Callers.require(USER).flatMapMany(caller -> visits.ready().thenMany(Flux.defer(() -> Flux.fromIterable(safety.openVisits(caller)))));
    }
}
