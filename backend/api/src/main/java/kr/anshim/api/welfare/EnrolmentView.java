package kr.anshim.api.welfare;

import java.time.Instant;

/**
 * A person enrolled in the inactivity check (똑똑문안). The threshold (1 to 5 days) is chosen by welfare
 * category, disability and housing vulnerability.
 *
 * @param householdId    the person's (single-person) household
 * @param deviceId       the household's ACTIVITY_SUMMARY device (the carrier's feed or the person's app)
 * @param dong           the 동 (administrative neighbourhood) whose community centre looks after them
 * @param thresholdDays  days without activity before an alert, 1 to 5
 * @param officer        the username of the community-centre officer in charge
 * @param lastActivityAt the latest activity reported, null before the first summary
 */
public record EnrolmentView(String householdId, String wardCode, String deviceId, String dong, int thresholdDays,
                            String officer, Instant lastActivityAt) {
}
