package kr.anshim.backend.ranking;

/** Severity bands, highest first. */
public enum Severity {
    CRITICAL(90), HIGH(60), MEDIUM(30), LOW(0);

    private final int threshold;

    Severity(int threshold) {
        this.threshold = threshold;
    }

    public static Severity of(int score) {
        for (Severity severity : values()) {
            if (score >= severity.threshold) {
                return severity;
            }
        }
        return LOW;
    }
}
