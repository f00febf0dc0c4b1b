package kr.anshim.api;

/** Severity bands, highest first; a score falls in the first band whose threshold it reaches. */
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
