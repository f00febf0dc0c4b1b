package kr.anshim.backend.alarm;

import java.util.Map;

/**
 * The ISA-18.2 / EEMUA 191 targets each measure is rated against (lower is better for all but the
 * mix, which is rated by its largest distance from 80 / 15 / 5).
 * <ul>
 *   <li>per 10 minutes: about 1 acceptable, 2 the most manageable;</li>
 *   <li>per hour: 6 (1 per 10 minutes); alarm-receiving centres work to about 12;</li>
 *   <li>peak 10 minutes: 5 or fewer is out of flood for sure, above 10 is a flood;</li>
 *   <li>time in flood: under 1 %, up to 5 % amber;</li>
 *   <li>chattering devices: none; 1 or 2 amber;</li>
 *   <li>stale incidents (open 24 h or more): fewer than 5; up to 9 amber;</li>
 *   <li>the top 10 sources' share: EEMUA's 1–5 % range, at most 5 % green, 20 % amber;</li>
 *   <li>priority mix: within 5 points of 80 / 15 / 5 green, 15 points amber.</li>
 * </ul>
 */
final class LoadTargets {

    static final double LOW_SHARE = 80;
    static final double MEDIUM_SHARE = 15;
    static final double HIGH_SHARE = 5;

    private LoadTargets() {
    }

    static Map<String, String> rate(double per10Minutes, double perHour, long peak10Minutes, double floodPercent,
                                    int chattering, long stale, double topShare, Map<String, Double> mix, long presented) {
        return Map.of(
                "per10Minutes", Rating.atMost(per10Minutes, 1, 2).name(),
                "perHour", Rating.atMost(perHour, 6, 12).name(),
                "peak10Minutes", Rating.atMost(peak10Minutes, 5, 10).name(),
                "floodPercent", (floodPercent < 1 ? Rating.GREEN : Rating.atMost(floodPercent, 5, 5)).name(),
                "chattering", Rating.atMost(chattering, 0, 2).name(),
                "stale", Rating.atMost(stale, 4, 9).name(),
                "topShare", Rating.atMost(topShare, 5, 20).name(),
                "mix", (presented == 0 ? Rating.GREEN : Rating.atMost(mixDistance(mix), 5, 15)).name());
    }

    /** The largest distance, in percentage points, of the mix from 80 / 15 / 5. */
    static double mixDistance(Map<String, Double> mix) {
        return Math.max(Math.abs(mix.getOrDefault("LOW", 0.0) - LOW_SHARE),
                Math.max(Math.abs(mix.getOrDefault("MEDIUM", 0.0) - MEDIUM_SHARE),
                        Math.abs(mix.getOrDefault("HIGH", 0.0) - HIGH_SHARE)));
    }
}
