package kr.anshim.backend.ranking;

import kr.anshim.api.SignalType;

import java.time.Instant;
import java.util.Map;

/**
 * What the ranking looks at.
 *
 * @param signalCounts    how many signals of each type the incident holds
 * @param distinctDevices how many different devices reported
 * @param protectedPerson a stalking victim or person under police protection lives there
 * @param openedAt        when the incident opened
 * @param lastSignalAt    when the latest signal occurred
 * @param awaitingAck     nobody has acknowledged it yet, so it climbs with age
 * @param doors           how many households' doors a prowler was seen at (1 for a household incident)
 */
public record RankingFacts(Map<SignalType, Integer> signalCounts, int distinctDevices, boolean protectedPerson,
                           Instant openedAt, Instant lastSignalAt, boolean awaitingAck, int doors) {

    public RankingFacts {
        signalCounts = Map.copyOf(signalCounts);
    }

    public int totalSignals() {
        return signalCounts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
