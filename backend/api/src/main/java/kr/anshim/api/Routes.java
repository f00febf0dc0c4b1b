package kr.anshim.api;

/** RSocket route names, grouped by interaction model. */
public final class Routes {

    /** Request-response: one device event in, one {@link Ack} out, only after a durable commit. */
    public static final String ALARM = "device.alarm";

    /** Request-channel: a stream of device events in, a stream of {@link Ack}s out (gateways, load runs). */
    public static final String ALARMS = "device.alarms";

    /** Fire-and-forget: a device heartbeat; heartbeats may be coalesced. */
    public static final String HEARTBEAT = "device.heartbeat";

    /**
     * Request-response: an activity summary of one enrolled person (똑똑문안: the last call or other activity
     * on their phone) in, one {@link Ack} out after a durable commit; see docs/device-protocol.md.
     */
    public static final String ACTIVITY_SUMMARY = "device.activity";

    /**
     * Request-response, door cameras (and their gateways): a still image for one of the camera's own
     * stored alarms, as {@link SnapshotUpload} bytes (a one-line JSON header, then the JPEG), one
     * {@link Ack} out after the commit; refusals carry a {@link SnapshotRefusal} code. See docs/device-protocol.md.
     */
    public static final String SNAPSHOT = "device.snapshot";

    /** Request-stream, users (scoped): an incident's door-camera snapshots ({@link SnapshotView}), newest first, masked like the address. */
    public static final String INCIDENT_SNAPSHOTS = "incident.snapshots";

    /**
     * Request-stream, operators and supervisors of the ward and police liaisons (masked): an incident's
     * evidence export, a ZIP in chunks of at most {@link EvidenceExport#CHUNK} bytes, in order; every export is logged.
     */
    public static final String INCIDENT_EXPORT = "incident.export";

    /** Request-stream: a snapshot of the open incidents, then every change, live. */
    public static final String INCIDENTS_LIVE = "incidents.live";

    /** Request-response, service connections only: a {@link LoginRequest} in, a {@link LoginResult} out. */
    public static final String LOGIN = "auth.login";

    /**
     * Request-response: a {@link LogoutRequest} in; the session ends and every connection opened with it
     * is closed. Relayed by the UI's service connection when a user signs out, or sent on the user's own.
     */
    public static final String LOGOUT = "auth.logout";

    /** Admins only. Request-stream: every open sign-in session ({@link SessionView}). */
    public static final String ADMIN_SESSIONS = "admin.sessions";

    /** Admins only. Request-response: a {@link SessionView#id()} in; that session ends and its connections close. */
    public static final String ADMIN_END_SESSION = "admin.session.end";

    /** Admins only. Request-response: a username in; its sign-in lockout is lifted (audited). */
    public static final String ADMIN_UNLOCK = "admin.user.unlock";

    /** Supervisors and admins. Request-stream: the admin audit trail ({@link AdminAuditEntry}), newest first. */
    public static final String ADMIN_AUDIT = "admin.audit";

    /** Supervisors and admins. Request-stream: the SUPERVISOR and ADMIN grants waiting for approval ({@link RoleGrant}). */
    public static final String ADMIN_GRANTS = "admin.grants";

    /** Supervisors only. Request-response: a {@link RoleGrant#id()} in; approved if the caller is a different supervisor than the requester. */
    public static final String ADMIN_APPROVE_GRANT = "admin.grant.approve";

    /** Admins only. Request-stream: every {@link UserAccount} (without passwords). */
    public static final String ADMIN_USERS = "admin.users";

    /** Admins only. Request-response: create or update a {@link UserAccount}; a password is required for a new user. */
    /** Creates a user; refused with {@link #USER_EXISTS} if the username is taken (never overwrites). */
    public static final String ADMIN_CREATE_USER = "admin.user.create";
    /** Changes an existing user; refused with {@link #NO_SUCH_USER} if there is none of that name. */
    public static final String ADMIN_UPDATE_USER = "admin.user.update";
    /** The start of the refusal of a create whose username is taken. */
    public static final String USER_EXISTS = "USER_EXISTS";
    /** The start of the refusal of an update of an unknown username. */
    public static final String NO_SUCH_USER = "NO_SUCH_USER";
    /** Creates or changes a user, whichever applies (for scripts; the screens say which they mean). */
    public static final String ADMIN_SAVE_USER = "admin.user.save";

    /** Admins only. Request-response: a ward code in, that ward's {@link DeviceSummary} list out. */
    public static final String ADMIN_DEVICES = "admin.devices";

    /** Admins only. Request-response: a device id in; the device is revoked and refused from then on. */
    public static final String ADMIN_REVOKE_DEVICE = "admin.device.revoke";

    /** Request-response: an incident id in, its {@link IncidentDetail} out (scoped and masked for the caller). */
    public static final String INCIDENT_DETAIL = "incident.detail";

    /** Request-response: an {@link IncidentCommand} in, a {@link CommandResult} out. */
    public static final String INCIDENT_COMMAND = "incident.command";

    /**
     * Supervisors (and services) only. Request-stream: the protected-person access log, newest first
     * ({@link ProtectedAccess}, at most 500): who read a protected person's unmasked record, when, for which incident.
     */
    public static final String PROTECTED_ACCESS_LOG = "audit.protected-access";

    /** Request-stream: an incident's dispatches, oldest first ({@link DispatchView}), scoped like its history. */
    public static final String INCIDENT_DISPATCHES = "incident.dispatches";

    /**
     * Request-response: a {@link BulkAcknowledge} in, one {@link BulkAcknowledge.Answer} per incident out
     * (a list, in the order asked), each acknowledged or refused on its own.
     */
    public static final String INCIDENTS_ACKNOWLEDGE = "incidents.acknowledge";

    /**
     * Request-stream, operators and supervisors: the resolved and false-alarm incidents of the caller's
     * wards that a person may still reopen (closed within the grace period), newest first, each an
     * {@link IncidentView} whose {@link NextSteps} offer {@code REOPEN} until {@link NextSteps#reopenUntil()}.
     */
    public static final String INCIDENTS_RECENTLY_CLOSED = "incidents.recently-closed";

    /** Request-stream: an incident's audit trail, oldest first ({@link TransitionView}). */
    public static final String INCIDENT_HISTORY = "incident.history";

    /** Request-stream, services only: a {@link ResponseTimeQuery} in, one {@link ResponseTimeRow} per incident out. */
    public static final String RESPONSE_TIME_ROWS = "metrics.response-times.rows";

    /** Request-response, services only: a {@link ResponseTimeQuery} in, a list of {@link ResponseTimeSummary} out. */
    public static final String RESPONSE_TIME_SUMMARY = "metrics.response-times.summary";

    /** Request-response, services only: a {@link WorkloadQuery} in, a {@link WorkloadReport} out. */
    public static final String WORKLOAD = "metrics.workload";

    /**
     * Supervisors only. Request-response: an {@link AlarmLoadQuery} in (at most
     * {@link #ALARM_LOAD_MAX_DAYS} days), an {@link AlarmLoadReport} out: ISA-18.2 operator-load
     * measures per ward and per operator shift.
     */
    public static final String ALARM_LOAD = "alarm.load";

    /** The longest period {@link #ALARM_LOAD} measures at once. */
    public static final int ALARM_LOAD_MAX_DAYS = 7;

    /** Request-response: a list of ward codes in (empty: all of the caller's), their {@link FloodState}s out. */
    public static final String ALARM_FLOOD = "alarm.flood";

    /** Supervisors only. Request-stream: the alarm-management audit trail ({@link AlarmAuditEntry}), newest first, at most 500. */
    public static final String ALARM_AUDIT = "alarm.audit";

    /**
     * Operators and supervisors. Request-response: a {@link ShelveRequest} in, a {@link ShelveResult} out.
     * A protected person's bell or lock and any CRITICAL incident are never shelved.
     */
    public static final String ALARM_SHELVE = "alarm.shelve";

    /** Operators and supervisors. Request-response: a {@link ShelvedItem#id()} in, a {@link ShelveResult} out. */
    public static final String ALARM_UNSHELVE = "alarm.unshelve";

    /** Request-response: nothing in, the shelving limits ({@link Shelving}: the longest time an item may be shelved) out. */
    public static final String ALARM_SHELVING = "alarm.shelving";

    /** Request-stream: the shelved items of the caller's wards ({@link ShelvedItem}), soonest expiry first. */
    public static final String ALARM_SHELVED = "alarm.shelved";

    /** Request-stream: the chattering devices of the caller's wards suppressed now ({@link SuppressedDevice}). */
    public static final String ALARM_SUPPRESSED = "alarm.suppressed";

    /** Request-response: an incident id in, its {@link ProcedureChecklist} out (scoped to the caller's wards). */
    public static final String PROCEDURE_CHECKLIST = "procedure.checklist";

    /** Operators and supervisors. Request-response: a {@link ProcedureCheck} in, the updated {@link ProcedureChecklist} out; audited. */
    public static final String PROCEDURE_CHECK = "procedure.check";

    /** Supervisors only. Request-stream: every {@link Procedure}. */
    public static final String PROCEDURES = "procedures";

    /** Supervisors only. Request-response: a {@link Procedure} in (created or replaced), the stored one out; audited. */
    public static final String PROCEDURE_SAVE = "procedure.save";

    /** Operators and supervisors. Request-response: a ward code in, its generated {@link HandoverSummary} out. */
    public static final String HANDOVER_SUMMARY = "handover.summary";

    /** Operators and supervisors. Request-response: a {@link HandoverRequest} in, the stored {@link Handover} out; the caller's shift ends. */
    public static final String HANDOVER_SUBMIT = "handover.submit";

    /** Operators and supervisors. Request-response: a {@link Handover#id()} in, the acknowledged {@link Handover} out. */
    public static final String HANDOVER_ACKNOWLEDGE = "handover.acknowledge";

    /** Supervisors only. Request-stream: the handovers not yet acknowledged, oldest first. */
    public static final String HANDOVERS_PENDING = "handovers.pending";

    /**
     * Operators and supervisors. Request-response: a ward code in, a {@link ConsoleTake} out: the caller's
     * shift on that ward's console starts, unless another's handover waits for their acknowledgement.
     */
    public static final String CONSOLE_TAKE = "console.take";

    private Routes() {
    }
}
