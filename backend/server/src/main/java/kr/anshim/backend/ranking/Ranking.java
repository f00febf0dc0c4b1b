package kr.anshim.backend.ranking;

import java.util.List;

/** A score, the severity band it falls in, and the contributions that add up to it. */
public record Ranking(int score, Severity severity, List<Contribution> contributions) {

    public Ranking {
        contributions = List.copyOf(contributions);
    }

    public List<String> reasons() {
        return contributions.stream().map(Contribution::toString).toList();
    }
}
