package kr.anshim.ui.welfare;

import kr.anshim.api.CommandResult;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.welfare.ContactRequest;
import kr.anshim.api.welfare.OutcomeRequest;
import kr.anshim.api.welfare.VisitRequest;
import kr.anshim.api.welfare.VisitResult;
import kr.anshim.api.welfare.VisitView;
import kr.anshim.api.welfare.WelfareDetail;
import kr.anshim.api.welfare.WelfareRoutes;
import kr.anshim.api.welfare.WelfareTimes;
import kr.anshim.ui.backend.ScreenData;
import kr.anshim.ui.backend.UserConnections;
import kr.anshim.ui.security.AnshimUser;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/** The welfare routes on the signed-in user's own connection (the backend scopes and masks). */
@Component
public class WelfareScreenData {

    private final UserConnections connections;

    WelfareScreenData(UserConnections connections) {
        this.connections = connections;
    }

    public Flux<LiveFrame> incidents(AnshimUser user) {
        return connections.of(user).route(WelfareRoutes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class)
                .limitRate(ScreenData.DEMAND);
    }

    public Mono<WelfareDetail> detail(AnshimUser user, UUID incident) {
        return connections.of(user).route(WelfareRoutes.DETAIL).data(incident).retrieveMono(WelfareDetail.class);
    }

    public Mono<CommandResult> contact(AnshimUser user, ContactRequest request) {
        return connections.of(user).route(WelfareRoutes.CONTACT).data(request).retrieveMono(CommandResult.class);
    }

    public Mono<CommandResult> outcome(AnshimUser user, OutcomeRequest request) {
        return connections.of(user).route(WelfareRoutes.OUTCOME).data(request).retrieveMono(CommandResult.class);
    }

    public Mono<VisitResult> register(AnshimUser user, VisitRequest request) {
        return connections.of(user).route(WelfareRoutes.VISIT_REGISTER).data(request).retrieveMono(VisitResult.class);
    }

    public Mono<VisitResult> checkIn(AnshimUser user, UUID visit) {
        return connections.of(user).route(WelfareRoutes.VISIT_CHECK_IN).data(visit).retrieveMono(VisitResult.class);
    }

    public Mono<List<VisitView>> visits(AnshimUser user) {
        return connections.of(user).route(WelfareRoutes.VISITS).retrieveFlux(VisitView.class).collectList();
    }

    public Mono<List<kr.anshim.api.welfare.EnrolmentView>> enrolments(AnshimUser admin, String wardCode) {
        return connections.of(admin).route(WelfareRoutes.ENROLMENTS).data(wardCode)
                .retrieveFlux(kr.anshim.api.welfare.EnrolmentView.class).collectList();
    }

    public Mono<kr.anshim.api.welfare.WelfareAnswer> saveEnrolment(AnshimUser admin, kr.anshim.api.welfare.EnrolmentView enrolment) {
        return connections.of(admin).route(WelfareRoutes.ENROLMENT_SAVE).data(enrolment).retrieveMono(kr.anshim.api.welfare.WelfareAnswer.class);
    }

    public Mono<List<WelfareTimes>> times(AnshimUser user) {
        return connections.of(user).route(WelfareRoutes.TIMES).retrieveFlux(WelfareTimes.class).collectList();
    }
}
