package kr.anshim.api;

import java.util.Arrays;
import java.util.List;

/**
 * How an incident ended. Resolving requires one of {@link #chosenOnResolve()}; {@link #FALSE_ALARM}
 * is recorded by the false-alarm action itself, never chosen when resolving.
 */
public enum Outcome {
    RESIDENT_SAFE, SUSPECT_GONE, POLICE_ARREST, REFERRED_TO_WELFARE, MEDICAL_EMERGENCY, DEVICE_FAULT, OTHER,
    FALSE_ALARM;

    private static final List<Outcome> ON_RESOLVE = Arrays.stream(values()).filter(o -> o != FALSE_ALARM).toList();

    /** The outcomes a person picks when resolving. */
    public static List<Outcome> chosenOnResolve() {
        return ON_RESOLVE;
    }
}
