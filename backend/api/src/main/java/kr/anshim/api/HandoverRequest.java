package kr.anshim.api;

/** The outgoing operator hands over a ward's console with a note ({@link Routes#HANDOVER_SUBMIT}). */
public record HandoverRequest(String wardCode, String note) {
}
