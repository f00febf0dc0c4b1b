package kr.anshim.api;

/** RSocket route names, grouped by interaction model. */
public final class Routes {

    /** Request-response: one device event in, one {@link Ack} out, only after a durable commit. */
    public static final String ALARM = "device.alarm";

    /** Request-channel: a stream of device events in, a stream of {@link Ack}s out (gateways, load runs). */
    public static final String ALARMS = "device.alarms";

    /** Fire-and-forget: a device heartbeat; heartbeats may be coalesced. */
    public static final String HEARTBEAT = "device.heartbeat";

    /** Request-stream: a snapshot of the open incidents, then every change, live. */
    public static final String INCIDENTS_LIVE = "incidents.live";

    /** Request-response: an {@link IncidentCommand} in, a {@link CommandResult} out. */
    public static final String INCIDENT_COMMAND = "incident.command";

    /** Request-stream: an incident's audit trail, oldest first ({@link TransitionView}). */
    public static final String INCIDENT_HISTORY = "incident.history";

    private Routes() {
    }
}
