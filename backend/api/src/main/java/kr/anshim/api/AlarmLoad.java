package kr.anshim.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Operator-load measures after ISA-18.2 / EEMUA 191 for one ward's console or one operator, over
 * {@code [from, to)}. An incident is <em>presented</em> when it opens or reopens (a transition to NEW).
 *
 * @param scope        {@code WARD} or {@code OPERATOR}
 * @param key          the ward code or the operator's username
 * @param wards        the wards measured
 * @param presented    incidents presented in the period
 * @param per10Minutes presented per 10 minutes, on average over the period
 * @param perHour      presented per hour, on average
 * @param peak10Minutes the most presented in any 10 minutes (a sliding window)
 * @param floodPercent the share of the period in flood (entered above 10 in 10 minutes, left below 5), in percent
 * @param floods       flood episodes that started in the period
 * @param chattering   devices that chattered: 3 or more alarm signals within 60 seconds
 * @param stale        incidents open at the period's end that were opened 24 hours or more before it
 * @param top          the 10 sources (households, else devices) that presented most, with their share
 * @param topShare     the top 10 sources' share of all presented, in percent
 * @param mix          percent of presented at LOW, MEDIUM and HIGH (HIGH includes CRITICAL)
 * @param ratings      per measure name, GREEN, AMBER or RED against the ISA-18.2 targets
 */
public record AlarmLoad(String scope, String key, List<String> wards, Instant from, Instant to, long presented,
                        double per10Minutes, double perHour, long peak10Minutes, double floodPercent, long floods,
                        List<String> chattering, long stale, List<Source> top, double topShare,
                        Map<String, Double> mix, Map<String, String> ratings) {

    public AlarmLoad {
        wards = List.copyOf(wards);
        chattering = List.copyOf(chattering);
        top = List.copyOf(top);
        mix = Map.copyOf(mix);
        ratings = Map.copyOf(ratings);
    }

    /** A household or device and how many incidents it presented; share in percent of all presented. */
    public record Source(String id, long presented, double share) {
    }
}
