package kr.anshim.backend.pipeline;

import kr.anshim.api.Ack;
import kr.anshim.api.CommandResult;
import kr.anshim.api.IncidentCommand;
import kr.anshim.backend.device.RegisteredDevice;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Set;

/**
 * The log between intake and the ward owners: it carries an accepted event, or a screen command, to
 * the owner of its ward and brings the owner's answer back. Events and commands of one ward travel
 * in one order, so one owner applies them one after another.
 */
public interface WardLog {

    /** Completes when this instance can take events (standalone: its owner has loaded every ward). */
    Mono<Void> ready();

    /** True when as many events wait for their answer as this instance may hold; new ones are shed before parsing. */
    boolean saturated(boolean bulk);

    /** How many bulk events this instance admits waiting at once now (its admission window). */
    int admittedAtOnce();

    /**
     * The owner's answer once the event is durably committed (or refused). Bulk events (a gateway's
     * channel) may fill the admission window; single alarms may also use a reserve above it.
     */
    Mono<Ack> append(AcceptedEvent event, boolean bulk);

    /**
     * A command, its actor already the signed-in user, for an incident of {@code wardCode}; the owner
     * applies it in order with the ward's events. {@code callerWards}: the wards the caller may act
     * in (null: every ward), checked again by the owner against the incident it holds.
     */
    Mono<CommandResult> command(String wardCode, IncidentCommand command, Set<String> callerWards);

    /** A heartbeat, coalesced: the owner of the device's ward judges the device's silences. */
    void heard(RegisteredDevice device, Instant at);
}
