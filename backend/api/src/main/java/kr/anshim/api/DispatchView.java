package kr.anshim.api;

import java.time.Instant;

/**
 * One dispatch of an incident as stored (route {@link Routes#INCIDENT_DISPATCHES}): who was sent,
 * when, by whom, and on what basis, with the fee the basis carries ({@link DispatchFee}).
 *
 * @param residentRequested  the resident asked for it; false: an alarm triggered it
 * @param crimeRiskConfirmed a crime risk was confirmed (waives a resident's fee)
 * @param feeWon             what it costs the resident, in won
 */
public record DispatchView(String responderId, Instant at, String actor, boolean residentRequested,
                           boolean crimeRiskConfirmed, int feeWon) {
}
