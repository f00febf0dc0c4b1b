package kr.anshim.api.welfare;

import java.time.Instant;
import java.util.UUID;

/**
 * What an officer sees of one welfare incident. A protected person's name, phone and street stay
 * masked, as in the police view; devices and other households' data are never included.
 *
 * @param enrolment the person's enrolment for an inactivity incident, else null
 * @param visit     the visit for a visiting-team incident, else null
 */
public record WelfareDetail(UUID incidentId, String kind, String wardCode, String contactName, String contactPhone,
                            String address, boolean masked, EnrolmentView enrolment, VisitView visit,
                            Instant firstContactAt) {
}
