package kr.anshim.ui.backend;

import kr.anshim.api.CommandResult;
import kr.anshim.api.DeviceSummary;
import kr.anshim.api.ResponseTimeQuery;
import kr.anshim.api.ResponseTimeSummary;
import kr.anshim.api.UserAccount;
import kr.anshim.api.WorkloadQuery;
import kr.anshim.api.WorkloadReport;
import kr.anshim.api.IncidentCommand;
import kr.anshim.api.IncidentDetail;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.TransitionView;
import kr.anshim.ui.security.AnshimUser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A screen's backend for browserless view tests: the live frames come from a sink the test drives,
 * each incident's detail answers when the test says so, and commands are recorded and accepted.
 */
public class FakeScreenData extends ScreenData {

    public final Sinks.Many<LiveFrame> frames = Sinks.many().replay().all();
    public final Map<UUID, Sinks.One<IncidentDetail>> details = new ConcurrentHashMap<>();
    public final List<IncidentCommand> commands = new CopyOnWriteArrayList<>();
    public final List<ResponseTimeQuery> summaries = new CopyOnWriteArrayList<>();
    public final List<WorkloadQuery> workloads = new CopyOnWriteArrayList<>();
    public final List<String> userCalls = new CopyOnWriteArrayList<>();
    public final List<String> revoked = new CopyOnWriteArrayList<>();
    public volatile List<UserAccount> accounts = List.of();
    public volatile List<DeviceSummary> wardDevices = List.of();

    /** No snapshots unless a test says otherwise. */
    @Override
    public Mono<List<kr.anshim.api.SnapshotView>> snapshots(AnshimUser user, UUID incident) {
        return Mono.just(List.of());
    }

    @Override
    public Mono<byte[]> evidence(AnshimUser user, UUID incident) {
        return Mono.error(new IllegalStateException("no evidence export in this test"));
    }

    public FakeScreenData() {
        super(null);
    }

    /** The detail the screen asked for (or will ask for) about this incident; the test answers it. */
    public Sinks.One<IncidentDetail> detail(UUID incident) {
        return details.computeIfAbsent(incident, id -> Sinks.one());
    }

    @Override
    public Flux<LiveFrame> incidents(AnshimUser user) {
        return frames.asFlux();
    }

    @Override
    public Mono<IncidentDetail> detail(AnshimUser user, UUID incident) {
        return detail(incident).asMono();
    }

    @Override
    public Mono<List<TransitionView>> history(AnshimUser user, UUID incident) {
        return Mono.just(List.of());
    }

    @Override
    public Mono<List<ResponseTimeSummary>> summary(AnshimUser user, ResponseTimeQuery query) {
        summaries.add(query);
        return Mono.just(List.of());
    }

    @Override
    public Mono<WorkloadReport> workload(AnshimUser user, WorkloadQuery query) {
        workloads.add(query);
        return Mono.just(new WorkloadReport(query.from(), query.to(), List.of(), List.of(), List.of(), Duration.ofMinutes(5)));
    }

    @Override
    public Mono<List<UserAccount>> users(AnshimUser admin) {
        return Mono.just(accounts);
    }

    @Override
    public Mono<UserAccount> createUser(AnshimUser admin, UserAccount account) {
        userCalls.add("create " + account.username());
        return Mono.just(account);
    }

    @Override
    public Mono<UserAccount> updateUser(AnshimUser admin, UserAccount account) {
        userCalls.add("update " + account.username());
        return Mono.just(account);
    }

    @Override
    public Mono<List<DeviceSummary>> devices(AnshimUser admin, String wardCode) {
        return Mono.just(wardDevices);
    }

    @Override
    public Mono<DeviceSummary> revoke(AnshimUser admin, String deviceId) {
        revoked.add(deviceId);
        return Mono.just(wardDevices.stream().filter(d -> d.id().equals(deviceId)).findFirst().orElseThrow());
    }

    @Override
    public Mono<List<kr.anshim.api.ProtectedAccess>> accessLog(AnshimUser user) {
        return Mono.just(List.of());
    }

    @Override
    public Mono<List<kr.anshim.api.SessionView>> sessions(AnshimUser admin) {
        return Mono.just(List.of());
    }

    @Override
    public Mono<List<kr.anshim.api.RoleGrant>> grants(AnshimUser user) {
        return Mono.just(List.of());
    }

    @Override
    public Mono<List<kr.anshim.api.AdminAuditEntry>> adminAudit(AnshimUser user) {
        return Mono.just(List.of());
    }

    @Override
    public Mono<CommandResult> command(AnshimUser user, IncidentCommand command) {
        commands.add(command);
        return Mono.just(CommandResult.ok(null));
    }
}
