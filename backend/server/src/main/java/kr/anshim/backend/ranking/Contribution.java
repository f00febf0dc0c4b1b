package kr.anshim.backend.ranking;

/** One rule's share of a score, e.g. {@code PROTECTED_PERSON +20}. */
public record Contribution(String rule, int points) {

    @Override
    public String toString() {
        return rule + (points >= 0 ? " +" : " ") + points;
    }
}
