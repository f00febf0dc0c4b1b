package kr.anshim.backend.operations;

import io.r2dbc.spi.Readable;
import kr.anshim.api.ProtectedAccess;
import kr.anshim.api.SnapshotView;
import kr.anshim.backend.device.DeviceRegistry;
import kr.anshim.backend.device.RegisteredDevice;
import kr.anshim.backend.incident.Incident;
import kr.anshim.backend.security.Caller;
import kr.anshim.backend.security.PoliceMask;
import kr.anshim.backend.storage.ScreenDatabase;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;

/**
 * An incident's door-camera snapshots as a viewer may see them. A snapshot of a protected person's
 * door follows the address's rule ({@link PoliceMask}): hidden, without its bytes ever being read,
 * for a viewer who sees that person masked; shown to anyone else in the ward, and then written to
 * the access log first ({@link ProtectedAccessLog}, {@code SNAPSHOT}); if that fails, nothing is shown.
 */
@Component
class IncidentSnapshots {

    /** The panel shows the newest few; the evidence export holds up to {@link #EXPORTED}. */
    static final int SHOWN = 12;
    static final int EXPORTED = 50;

    private final DatabaseClient db;
    private final DeviceRegistry registry;
    private final ProtectedAccessLog accessLog;

    IncidentSnapshots(ScreenDatabase screens, DeviceRegistry registry, ProtectedAccessLog accessLog) {
        this.db = screens.client();
        this.registry = registry;
        this.accessLog = accessLog;
    }

    /**
     * Newest first, at most {@code limit}; {@code logged}: each protected door shown is written to the
     * access log first (the evidence export logs the export itself instead, {@link #protectedHouseholds}).
     */
    Mono<List<SnapshotView>> forCaller(Incident incident, Caller caller, int limit, boolean logged) {
        return ScreenDatabase.fully(db.sql("select event_id, device_id, received_at, sha256, octet_length(jpeg) as size"
                                + " from event_snapshot where incident_id = $1 order by received_at desc limit " + limit)
                        .bind(0, incident.id())
                        .map((Readable row) -> new SnapshotView(row.get("event_id", UUID.class), row.get("device_id", String.class),
                                row.get("received_at", OffsetDateTime.class).toInstant(), row.get("size", Integer.class),
                                row.get("sha256", String.class), true, null))
                        .all())
                .concatMap(stored -> hidden(stored, incident, caller) ? Mono.just(stored) : withImage(stored))
                .collectList()
                .flatMap(shown -> logged ? Flux.fromIterable(protectedHouseholds(shown))
                        .concatMap(household -> accessLog.record(caller, household, incident.id(), ProtectedAccess.SNAPSHOT))
                        .then(Mono.just(shown)) : Mono.just(shown));
    }

    private boolean hidden(SnapshotView snapshot, Incident incident, Caller caller) {
        return PoliceMask.applies(caller, protectedDoor(snapshot).isPresent(), incident.call112());
    }

    /** The protected person's household whose door this is, if it is one. */
    private Optional<String> protectedDoor(SnapshotView snapshot) {
        return registry.find(snapshot.deviceId()).filter(RegisteredDevice::protectedPerson).map(RegisteredDevice::householdId);
    }

    private Mono<SnapshotView> withImage(SnapshotView stored) {
        return db.sql("select jpeg from event_snapshot where event_id = $1").bind(0, stored.eventId())
                .map((Readable row) -> row.get("jpeg", byte[].class)).one()
                .map(jpeg -> new SnapshotView(stored.eventId(), stored.deviceId(), stored.receivedAt(), stored.sizeBytes(),
                        stored.sha256(), false, jpeg));
    }

    /** The protected households whose doors are shown (not hidden) in {@code snapshots}. */
    Set<String> protectedHouseholds(List<SnapshotView> snapshots) {
        Set<String> households = new LinkedHashSet<>();
        snapshots.stream().filter(s -> !s.hidden()).forEach(s -> protectedDoor(s).ifPresent(households::add));
        return households;
    }

    static String entry(SnapshotView snapshot) {
        return kr.anshim.api.EvidenceExport.SNAPSHOTS + snapshot.eventId() + ".jpg";
    }
}
