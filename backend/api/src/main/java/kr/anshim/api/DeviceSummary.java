package kr.anshim.api;

/** A registered device as the admin sees it. */
public record DeviceSummary(String id, String family, String householdId, String wardCode, boolean revoked) {
}
