package kr.anshim.ui.backend;

import kr.anshim.api.CommandResult;
import kr.anshim.api.IncidentCommand;
import kr.anshim.api.IncidentDetail;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.ResponderRecommendation;
import kr.anshim.api.ResponderRoutes;
import kr.anshim.api.ResponderView;
import kr.anshim.api.ResponseTimeQuery;
import kr.anshim.api.ResponseTimeRow;
import kr.anshim.api.ResponseTimeSummary;
import kr.anshim.api.Routes;
import kr.anshim.api.WorkloadQuery;
import kr.anshim.api.WorkloadReport;
import kr.anshim.api.TransitionView;
import kr.anshim.ui.security.AnshimUser;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Everything a screen reads or does, on the signed-in user's own backend connection. */
@Service
public class ScreenData {

    /** Frames asked for at a time on the live incident stream. */
    public static final int DEMAND = 256;

    private final UserConnections connections;

    ScreenData(UserConnections connections) {
        this.connections = connections;
    }

    /** Completes once the user's own backend connection is up. */
    public Mono<Void> connected(AnshimUser user) {
        return connections.of(user).rsocketClient().source().then();
    }

    /**
     * The live frames of the user's wards (a snapshot, a marker, then changes; see {@link LiveFrame});
     * resubscribes after a drop, and so gets a fresh snapshot. Demand is bounded ({@value #DEMAND} frames
     * at a time), so a screen that reads slowly lets the backend's per-screen buffer conflate.
     */
    public Flux<LiveFrame> incidents(AnshimUser user) {
        return connections.of(user).route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class)
                .limitRate(DEMAND)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(5)));
    }

    public Flux<ResponderView> responders(AnshimUser user) {
        return connections.of(user).route(ResponderRoutes.RESPONDERS_LIVE).retrieveFlux(ResponderView.class)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(5)));
    }

    /** Supervisors only (the backend refuses anyone else): who read a protected person's unmasked record. */
    public Mono<List<kr.anshim.api.ProtectedAccess>> accessLog(AnshimUser user) {
        return connections.of(user).route(Routes.PROTECTED_ACCESS_LOG).retrieveFlux(kr.anshim.api.ProtectedAccess.class).collectList();
    }

    public Mono<IncidentDetail> detail(AnshimUser user, UUID incident) {
        return connections.of(user).route(Routes.INCIDENT_DETAIL).data(incident.toString()).retrieveMono(IncidentDetail.class);
    }

    /** Operators and supervisors: the closed incidents of their wards they may still reopen, newest first. */
    public Mono<List<kr.anshim.api.IncidentView>> recentlyClosed(AnshimUser user) {
        return connections.of(user).route(Routes.INCIDENTS_RECENTLY_CLOSED).retrieveFlux(kr.anshim.api.IncidentView.class)
                .collectList();
    }

    public Mono<List<TransitionView>> history(AnshimUser user, UUID incident) {
        return connections.of(user).route(Routes.INCIDENT_HISTORY).data(incident.toString())
                .retrieveFlux(TransitionView.class).collectList();
    }

    public Mono<List<ResponderRecommendation>> recommend(AnshimUser user, double latitude, double longitude) {
        return connections.of(user).route(ResponderRoutes.RESPONDERS_RECOMMEND)
                .data(Map.of("latitude", latitude, "longitude", longitude, "perKind", 3))
                .retrieveMono(new ParameterizedTypeReference<List<ResponderRecommendation>>() {
                });
    }

    public Mono<List<ResponseTimeSummary>> summary(AnshimUser user, ResponseTimeQuery query) {
        return connections.of(user).route(Routes.RESPONSE_TIME_SUMMARY).data(query)
                .retrieveMono(new ParameterizedTypeReference<List<ResponseTimeSummary>>() {
                });
    }

    /** One row per incident, for the CSV export. */
    public Flux<ResponseTimeRow> rows(AnshimUser user, ResponseTimeQuery query) {
        return connections.of(user).route(Routes.RESPONSE_TIME_ROWS).data(query).retrieveFlux(ResponseTimeRow.class);
    }

    public Mono<kr.anshim.api.AlarmLoadReport> alarmLoad(AnshimUser user, kr.anshim.api.AlarmLoadQuery query) {
        return connections.of(user).route(Routes.ALARM_LOAD).data(query).retrieveMono(kr.anshim.api.AlarmLoadReport.class);
    }

    public Mono<List<kr.anshim.api.Handover>> pendingHandovers(AnshimUser user) {
        return connections.of(user).route(Routes.HANDOVERS_PENDING).retrieveFlux(kr.anshim.api.Handover.class).collectList();
    }

    public Mono<kr.anshim.api.ProcedureChecklist> checklist(AnshimUser user, UUID incident) {
        return connections.of(user).route(Routes.PROCEDURE_CHECKLIST).data(incident.toString())
                .retrieveMono(kr.anshim.api.ProcedureChecklist.class);
    }

    public Mono<kr.anshim.api.ProcedureChecklist> checkStep(AnshimUser user, UUID incident, String stepId) {
        return connections.of(user).route(Routes.PROCEDURE_CHECK).data(new kr.anshim.api.ProcedureCheck(incident, stepId))
                .retrieveMono(kr.anshim.api.ProcedureChecklist.class);
    }

    public Mono<WorkloadReport> workload(AnshimUser user, WorkloadQuery query) {
        return connections.of(user).route(Routes.WORKLOAD).data(query).retrieveMono(WorkloadReport.class);
    }

    public Mono<List<kr.anshim.api.UserAccount>> users(AnshimUser admin) {
        return connections.of(admin).route(Routes.ADMIN_USERS).retrieveFlux(kr.anshim.api.UserAccount.class).collectList();
    }

    /** A new user; the backend refuses a taken username ({@link Routes#USER_EXISTS}) rather than overwrite it. */
    public Mono<kr.anshim.api.UserAccount> createUser(AnshimUser admin, kr.anshim.api.UserAccount account) {
        return connections.of(admin).route(Routes.ADMIN_CREATE_USER).data(account).retrieveMono(kr.anshim.api.UserAccount.class);
    }

    /** A change of an existing user ({@link Routes#NO_SUCH_USER} if there is none). */
    public Mono<kr.anshim.api.UserAccount> updateUser(AnshimUser admin, kr.anshim.api.UserAccount account) {
        return connections.of(admin).route(Routes.ADMIN_UPDATE_USER).data(account).retrieveMono(kr.anshim.api.UserAccount.class);
    }

    public Mono<List<kr.anshim.api.DeviceSummary>> devices(AnshimUser admin, String wardCode) {
        return connections.of(admin).route(Routes.ADMIN_DEVICES).data(wardCode)
                .retrieveMono(new ParameterizedTypeReference<List<kr.anshim.api.DeviceSummary>>() {
                });
    }

    public Mono<kr.anshim.api.DeviceSummary> revoke(AnshimUser admin, String deviceId) {
        return connections.of(admin).route(Routes.ADMIN_REVOKE_DEVICE).data(deviceId).retrieveMono(kr.anshim.api.DeviceSummary.class);
    }

    public Mono<List<kr.anshim.api.SessionView>> sessions(AnshimUser admin) {
        return connections.of(admin).route(Routes.ADMIN_SESSIONS).retrieveFlux(kr.anshim.api.SessionView.class).collectList();
    }

    public Mono<Void> endSession(AnshimUser admin, String sessionId) {
        return connections.of(admin).route(Routes.ADMIN_END_SESSION).data(sessionId).retrieveMono(Void.class);
    }

    public Mono<Void> unlock(AnshimUser admin, String username) {
        return connections.of(admin).route(Routes.ADMIN_UNLOCK).data(username).retrieveMono(Void.class);
    }

    /** Supervisors and admins: the append-only admin audit trail, newest first. */
    public Mono<List<kr.anshim.api.AdminAuditEntry>> adminAudit(AnshimUser user) {
        return connections.of(user).route(Routes.ADMIN_AUDIT).retrieveFlux(kr.anshim.api.AdminAuditEntry.class).collectList();
    }

    public Mono<List<kr.anshim.api.RoleGrant>> grants(AnshimUser user) {
        return connections.of(user).route(Routes.ADMIN_GRANTS).retrieveFlux(kr.anshim.api.RoleGrant.class).collectList();
    }

    public Mono<kr.anshim.api.RoleGrant> approve(AnshimUser supervisor, long grantId) {
        return connections.of(supervisor).route(Routes.ADMIN_APPROVE_GRANT).data(grantId).retrieveMono(kr.anshim.api.RoleGrant.class);
    }

    /** The responder status board of the user's wards, now and every few seconds; resubscribes after a drop. */
    public Flux<kr.anshim.api.ResponderBoard> board(AnshimUser user) {
        return connections.of(user).route(ResponderRoutes.RESPONDERS_BOARD).retrieveFlux(kr.anshim.api.ResponderBoard.class)
                .limitRate(2)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(5)));
    }

    public Mono<List<kr.anshim.api.DispatchView>> dispatches(AnshimUser user, UUID incident) {
        return connections.of(user).route(Routes.INCIDENT_DISPATCHES).data(incident.toString())
                .retrieveFlux(kr.anshim.api.DispatchView.class).collectList();
    }

    /** Each incident acknowledged or refused on its own (see BulkAcknowledge). */
    public Mono<List<kr.anshim.api.BulkAcknowledge.Answer>> acknowledge(AnshimUser user, kr.anshim.api.BulkAcknowledge request) {
        return connections.of(user).route(Routes.INCIDENTS_ACKNOWLEDGE).data(request)
                .retrieveMono(new ParameterizedTypeReference<List<kr.anshim.api.BulkAcknowledge.Answer>>() {
                });
    }

    /** The incident's newest door-camera snapshots; a protected person's door comes hidden when the backend masks it for this user. */
    public Mono<List<kr.anshim.api.SnapshotView>> snapshots(AnshimUser user, UUID incident) {
        return connections.of(user).route(Routes.INCIDENT_SNAPSHOTS).data(incident.toString())
                .retrieveFlux(kr.anshim.api.SnapshotView.class).collectList();
    }

    /** The incident's evidence ZIP, assembled from the backend's chunks; the backend decides who may and logs it. */
    public Mono<byte[]> evidence(AnshimUser user, UUID incident) {
        return connections.of(user).route(Routes.INCIDENT_EXPORT).data(incident.toString()).retrieveFlux(byte[].class)
                .collect(java.io.ByteArrayOutputStream::new, java.io.ByteArrayOutputStream::writeBytes)
                .map(java.io.ByteArrayOutputStream::toByteArray);
    }

    public Mono<CommandResult> command(AnshimUser user, IncidentCommand command) {
        return connections.of(user).route(Routes.INCIDENT_COMMAND).data(command).retrieveMono(CommandResult.class)
                .onErrorResume(error -> Mono.just(CommandResult.refused(error.getMessage(), null)));
    }
}
