package kr.anshim.backend.incident;

import java.time.Instant;
import java.util.UUID;

/**
 * A responder sent to an incident. A dispatch the resident requested costs {@link #RESIDENT_FEE_WON}
 * unless a crime risk was confirmed; an alarm-triggered dispatch is free.
 */
public record Dispatch(UUID id, UUID incidentId, String responderId, Instant at, String actor, Trigger trigger,
                       boolean crimeRiskConfirmed) {

    public static final int RESIDENT_FEE_WON = kr.anshim.api.DispatchFee.RESIDENT_REQUEST_WON;

    public enum Trigger { ALARM, RESIDENT_REQUEST }

    public int feeWon() {
        return kr.anshim.api.DispatchFee.won(trigger == Trigger.RESIDENT_REQUEST, crimeRiskConfirmed);
    }
}
