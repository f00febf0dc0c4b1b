package kr.anshim.backend.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.EvidenceExport;
import kr.anshim.api.IncidentDetail;
import kr.anshim.api.ProcedureChecklist;
import kr.anshim.api.ProtectedAccess;
import kr.anshim.api.SnapshotView;
import kr.anshim.api.TransitionView;
import kr.anshim.backend.alarm.Procedures;
import kr.anshim.backend.device.Tokens;
import kr.anshim.backend.incident.AuditTrail;
import kr.anshim.backend.incident.Incident;
import kr.anshim.backend.security.Caller;
import kr.anshim.backend.security.Role;
import kr.anshim.backend.storage.ScreenDatabase;
import org.springframework.messaging.MessagingException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One incident's evidence for police or a review, as a ZIP: the incident and household as the
 * exporter may see them ({@code incident.json}), the audit trail, the procedure with every step's
 * check, the dispatches, the 112 and call-back status with their changes, the door-camera
 * snapshots as JPEG files, and a manifest with every file's SHA-256.
 * <p>Who may export: operators and supervisors of the incident's ward (supervisors: every ward) and
 * the ward's police liaison, who gets the export masked exactly as the screen masks it for them
 * (a protected person's name, phone, street, position and door snapshots withheld until police accept
 * the 112 hand-off). Admins and community-centre officers may not. Every export is written to the
 * append-only {@code evidence_export} table before a byte is sent, and an unmasked export of a
 * protected person's incident also to the protected-access log ({@code EXPORT}).
 */
@Component
class EvidenceExports {

    static final Set<Role> MAY_EXPORT = Set.of(Role.OPERATOR, Role.SUPERVISOR, Role.POLICE_LIAISON);
    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    private final IncidentDetails details;
    private final IncidentSnapshots snapshots;
    private final AuditTrail audit;
    private final Procedures procedures;
    private final ProtectedAccessLog accessLog;
    private final DatabaseClient db;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry meters;

    EvidenceExports(IncidentDetails details, IncidentSnapshots snapshots, AuditTrail audit, Procedures procedures,
                    ProtectedAccessLog accessLog, ScreenDatabase screens, ObjectMapper json, Clock clock, MeterRegistry meters) {
        this.details = details;
        this.snapshots = snapshots;
        this.audit = audit;
        this.procedures = procedures;
        this.accessLog = accessLog;
        this.db = screens.client();
        this.json = json;
        this.clock = clock;
        this.meters = meters;
    }

    /** The ZIP in chunks of at most {@link EvidenceExport#CHUNK} bytes, after the export is logged. */
    Flux<byte[]> export(UUID incidentId, Caller caller) {
        if (caller.role() == null || !MAY_EXPORT.contains(caller.role())) {
            return Flux.error(new MessagingException("your role (" + caller.role() + ") may not export evidence"));
        }
        return details.visible(incidentId, caller)
                .flatMap(incident -> gather(incident, caller))
                .flatMap(evidence -> Mono.fromCallable(() -> zip(evidence, caller)).subscribeOn(Schedulers.boundedElastic()))
                .flatMap(zip -> logged(zip, caller).thenReturn(zip.bytes))
                .flatMapMany(EvidenceExports::chunks);
    }

    private Mono<Evidence> gather(Incident incident, Caller caller) {
        return Mono.zip(details.detail(incident, caller, false),
                        audit.history(incident.id()).collectList(),
                        procedures.checklist(caller, incident.id()),
                        audit.dispatches(incident.id()).collectList(),
                        snapshots.forCaller(incident, caller, IncidentSnapshots.EXPORTED, false))
                .map(all -> new Evidence(incident, all.getT1(), all.getT2(), all.getT3(), all.getT4(), all.getT5()));
    }

    private Zip zip(Evidence evidence, Caller caller) throws IOException {
        Instant now = clock.instant();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(EvidenceExport.INCIDENT, write(evidence.detail));
        files.put(EvidenceExport.TIMELINE, write(evidence.history));
        files.put(EvidenceExport.PROCEDURES, write(evidence.checklist));
        files.put(EvidenceExport.DISPATCHES, write(evidence.dispatches));
        files.put(EvidenceExport.CALLS, write(calls(evidence)));
        int withheld = 0;
        for (SnapshotView snapshot : evidence.snapshots) {
            if (snapshot.hidden()) {
                withheld++;
            } else {
                files.put(IncidentSnapshots.entry(snapshot), snapshot.jpeg());
            }
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        files.forEach((name, bytes) -> entries.add(Map.of("name", name, "bytes", bytes.length, "sha256", Tokens.sha256(bytes))));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("incidentId", evidence.incident.id());
        manifest.put("wardCode", evidence.incident.wardCode());
        manifest.put("exportedBy", caller.id());
        manifest.put("role", caller.role().name());
        manifest.put("exportedAt", now);
        manifest.put("exportedAtKst", OffsetDateTime.ofInstant(now, KST).toString());
        manifest.put("masked", evidence.detail.masked() || withheld > 0);
        manifest.put("snapshotsWithheld", withheld);
        manifest.put("files", entries);
        files.put(EvidenceExport.MANIFEST, write(manifest));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                entry.setTime(now.toEpochMilli());
                zip.putNextEntry(entry);
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return new Zip(evidence, out.toByteArray(), files.size(), evidence.detail.masked() || withheld > 0, now);
    }

    private static Map<String, Object> calls(Evidence evidence) {
        Map<String, Object> calls = new LinkedHashMap<>();
        calls.put("call112", evidence.incident.call112());
        calls.put("callback", evidence.incident.callback());
        calls.put("changes", evidence.history.stream()
                .filter(t -> "CALL_112".equals(t.kind()) || "CALLBACK".equals(t.kind())).toList());
        return calls;
    }

    private Mono<Void> logged(Zip zip, Caller caller) {
        Incident incident = zip.evidence.incident;
        Mono<Void> exported = db.sql("insert into evidence_export (at, exporter, role, incident_id, masked, files, zip_sha256)"
                        + " values ($1, $2, $3, $4, $5, $6, $7)")
                .bind(0, OffsetDateTime.ofInstant(zip.at, ZoneOffset.UTC))
                .bind(1, caller.id())
                .bind(2, caller.role().name())
                .bind(3, incident.id())
                .bind(4, zip.masked)
                .bind(5, zip.files)
                .bind(6, Tokens.sha256(zip.bytes))
                .then()
                .doOnSuccess(done -> meters.counter("anshim.evidence.exports", "role", caller.role().name()).increment());
        IncidentDetail detail = zip.evidence.detail;
        Set<String> households = new java.util.LinkedHashSet<>();
        if (detail.protectedPerson() && !detail.masked()) {
            households.add(detail.householdId());
        }
        households.addAll(snapshots.protectedHouseholds(zip.evidence.snapshots));
        return exported.thenMany(Flux.fromIterable(households)
                .concatMap(household -> accessLog.record(caller, household, incident.id(), ProtectedAccess.EXPORT))).then();
    }

    private byte[] write(Object value) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Flux<byte[]> chunks(byte[] zip) {
        int count = (zip.length + EvidenceExport.CHUNK - 1) / EvidenceExport.CHUNK;
        return Flux.range(0, count).map(i -> java.util.Arrays.copyOfRange(zip, i * EvidenceExport.CHUNK,
                Math.min(zip.length, (i + 1) * EvidenceExport.CHUNK)));
    }

    private record Evidence(Incident incident, IncidentDetail detail, List<TransitionView> history, ProcedureChecklist checklist,
                            List<kr.anshim.api.DispatchView> dispatches, List<SnapshotView> snapshots) {
    }

    private record Zip(Evidence evidence, byte[] bytes, int files, boolean masked, Instant at) {
    }
}
