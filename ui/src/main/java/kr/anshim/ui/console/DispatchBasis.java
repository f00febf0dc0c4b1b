package kr.anshim.ui.console;

import kr.anshim.api.DispatchFee;

/**
 * On what basis a unit is sent, as the operator chooses it at dispatch: the three cases of the
 * door-guard programme's fee rule ({@link DispatchFee}). The backend refuses a dispatch without one.
 */
enum DispatchBasis {
    /** A device's abnormal signal (forced entry, a bell): free. */
    ALARM(false, false),
    /** The resident asked (SOS button, app): 25,000 won. */
    RESIDENT_REQUEST(true, false),
    /** The resident asked and a crime risk is confirmed: free. */
    CRIME_RISK_CONFIRMED(true, true);

    final boolean residentRequested;
    final boolean crimeRiskConfirmed;

    DispatchBasis(boolean residentRequested, boolean crimeRiskConfirmed) {
        this.residentRequested = residentRequested;
        this.crimeRiskConfirmed = crimeRiskConfirmed;
    }

    int feeWon() {
        return DispatchFee.won(residentRequested, crimeRiskConfirmed);
    }

    /** How a stored dispatch reads back. */
    static DispatchBasis of(boolean residentRequested, boolean crimeRiskConfirmed) {
        return !residentRequested ? ALARM : crimeRiskConfirmed ? CRIME_RISK_CONFIRMED : RESIDENT_REQUEST;
    }
}
