package kr.anshim.ui.alarm;

import kr.anshim.api.ConsoleTake;
import kr.anshim.api.FloodState;
import kr.anshim.api.Handover;
import kr.anshim.api.HandoverRequest;
import kr.anshim.api.HandoverSummary;
import kr.anshim.api.Procedure;
import kr.anshim.api.Routes;
import kr.anshim.api.ShelveRequest;
import kr.anshim.api.ShelveResult;
import kr.anshim.api.ShelvedItem;
import kr.anshim.api.Shelving;
import kr.anshim.api.SuppressedDevice;
import kr.anshim.ui.backend.UserConnections;
import kr.anshim.ui.security.AnshimUser;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/** The alarm-management routes on the signed-in user's own connection (the backend scopes, refuses and audits). */
@Component
public class AlarmScreenData {

    private final UserConnections connections;

    AlarmScreenData(UserConnections connections) {
        this.connections = connections;
    }

    public Mono<Shelving> shelving(AnshimUser user) {
        return connections.of(user).route(Routes.ALARM_SHELVING).retrieveMono(Shelving.class);
    }

    public Mono<ShelveResult> shelve(AnshimUser user, ShelveRequest request) {
        return connections.of(user).route(Routes.ALARM_SHELVE).data(request).retrieveMono(ShelveResult.class);
    }

    public Mono<ShelveResult> unshelve(AnshimUser user, UUID item) {
        return connections.of(user).route(Routes.ALARM_UNSHELVE).data(item.toString()).retrieveMono(ShelveResult.class);
    }

    public Mono<List<ShelvedItem>> shelved(AnshimUser user) {
        return connections.of(user).route(Routes.ALARM_SHELVED).retrieveFlux(ShelvedItem.class).collectList();
    }

    public Mono<List<SuppressedDevice>> suppressed(AnshimUser user) {
        return connections.of(user).route(Routes.ALARM_SUPPRESSED).retrieveFlux(SuppressedDevice.class).collectList();
    }

    /** The flood state of every console of the user's wards, as the backend's flood monitor has it. */
    public Mono<List<FloodState>> flood(AnshimUser user) {
        return connections.of(user).route(Routes.ALARM_FLOOD).data(List.of())
                .retrieveMono(new ParameterizedTypeReference<List<FloodState>>() {
                });
    }

    /** Supervisors only (the backend refuses anyone else). */
    public Mono<List<Procedure>> procedures(AnshimUser user) {
        return connections.of(user).route(Routes.PROCEDURES).retrieveFlux(Procedure.class).collectList();
    }

    /** Supervisors only; audited by the backend. */
    public Mono<Procedure> save(AnshimUser user, Procedure procedure) {
        return connections.of(user).route(Routes.PROCEDURE_SAVE).data(procedure).retrieveMono(Procedure.class);
    }

    public Mono<HandoverSummary> handoverSummary(AnshimUser user, String ward) {
        return connections.of(user).route(Routes.HANDOVER_SUMMARY).data(ward).retrieveMono(HandoverSummary.class);
    }

    public Mono<Handover> handOver(AnshimUser user, HandoverRequest request) {
        return connections.of(user).route(Routes.HANDOVER_SUBMIT).data(request).retrieveMono(Handover.class);
    }

    public Mono<Handover> acknowledge(AnshimUser user, UUID handover) {
        return connections.of(user).route(Routes.HANDOVER_ACKNOWLEDGE).data(handover.toString()).retrieveMono(Handover.class);
    }

    public Mono<ConsoleTake> take(AnshimUser user, String ward) {
        return connections.of(user).route(Routes.CONSOLE_TAKE).data(ward).retrieveMono(ConsoleTake.class);
    }
}
