package kr.anshim.api;

/**
 * The door-guard programme's fee rule (Seoul, 2022, 「1인가구 안전 도어지킴이」): a dispatch on an
 * abnormal signal from a device is free; one the resident requested (the SOS button, the app)
 * costs {@value #RESIDENT_REQUEST_WON} won, unless a crime risk is confirmed, then it is free too.
 * One rule for the backend that records the fee and the screens that show it before dispatch.
 */
public final class DispatchFee {

    public static final int RESIDENT_REQUEST_WON = 25_000;

    private DispatchFee() {
    }

    /** The fee in won for a dispatch: requested by the resident or triggered by an alarm, with or without a confirmed crime risk. */
    public static int won(boolean residentRequested, boolean crimeRiskConfirmed) {
        return residentRequested && !crimeRiskConfirmed ? RESIDENT_REQUEST_WON : 0;
    }
}
