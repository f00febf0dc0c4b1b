package kr.anshim.backend.welfare;

import kr.anshim.api.welfare.EnrolmentView;

import java.time.Duration;
import java.time.Instant;

/** One person enrolled in the inactivity check, with their own threshold and officer. */
record Enrolment(String householdId, String wardCode, String deviceId, String dong, int thresholdDays,
                 String officer, Instant enrolledAt, Instant lastActivityAt) {

    static final int MIN_DAYS = 1;
    static final int MAX_DAYS = 5;

    Duration threshold() {
        return Duration.ofDays(thresholdDays);
    }

    /** The timer runs from the last activity, or from the enrolment before any was reported. */
    Instant since() {
        return lastActivityAt != null ? lastActivityAt : enrolledAt;
    }

    EnrolmentView view() {
        return new EnrolmentView(householdId, wardCode, deviceId, dong, thresholdDays, officer, lastActivityAt);
    }
}
