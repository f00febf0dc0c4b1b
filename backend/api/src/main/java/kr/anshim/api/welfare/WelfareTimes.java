package kr.anshim.api.welfare;

/**
 * Per ward: how fast officers answered welfare alerts, from the threshold passing (or a visit falling
 * overdue) to the officer's first contact and to the outcome, in seconds; null when there is no sample.
 */
public record WelfareTimes(String wardCode, long alerts, long open, Double medianToFirstContactSeconds,
                           Double medianToOutcomeSeconds, Double maxToOutcomeSeconds) {
}
