package kr.anshim.api.welfare;

import java.util.UUID;

/** The visiting team's position as its app reports it (WGS84). */
public record VisitPosition(UUID visitId, double latitude, double longitude) {
}
