package kr.anshim.api.welfare;

import java.util.UUID;

/** The officer reached out (phoned, texted, went): the first one after the alert is the first contact. */
public record ContactRequest(UUID incidentId, String note) {
}
