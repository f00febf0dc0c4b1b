package kr.anshim.api;

import java.util.Arrays;
import java.util.List;

/**
 * How an incident ended. Resolving requires one of {@link #chosenOnResolve()}; {@link #FALSE_ALARM}
 * is recorded by the false-alarm action itself, and the welfare outcomes (the names of
 * {@link kr.anshim.api.welfare.WelfareOutcome}) by a community-centre officer's answer or a visiting
 * team's check-in: never chosen when resolving.
 */
public enum Outcome {
    RESIDENT_SAFE, SUSPECT_GONE, POLICE_ARREST, REFERRED_TO_WELFARE, MEDICAL_EMERGENCY, DEVICE_FAULT, OTHER,
    FALSE_ALARM,
    PHONED_FINE, VISITED, NO_ANSWER, REFERRED_119, REFERRED_POLICE, TEAM_SAFE;

    private static final List<Outcome> ON_RESOLVE = Arrays.stream(values())
            .filter(o -> o != FALSE_ALARM && Arrays.stream(kr.anshim.api.welfare.WelfareOutcome.values()).noneMatch(w -> w.name().equals(o.name())))
            .toList();

    /** The outcomes a person picks when resolving. */
    public static List<Outcome> chosenOnResolve() {
        return ON_RESOLVE;
    }
}
