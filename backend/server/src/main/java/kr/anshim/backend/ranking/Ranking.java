package kr.anshim.backend.ranking;

import kr.anshim.api.Severity;

import java.util.List;

/** A score, the severity band it falls in, and the contributions that add up to it. */
public record Ranking(int score, Severity severity, List<Contribution> contributions) {

    public Ranking {
        contributions = List.copyOf(contributions);
    }

    /** Escalated to the supervisor (a rule of its own, not a prefix of a reason's text). */
    public boolean escalated() {
        return contributions.stream().anyMatch(c -> SeverityRanking.ESCALATED.equals(c.rule()));
    }

    public List<String> reasons() {
        return contributions.stream().map(Contribution::toString).toList();
    }
}
