package kr.anshim.api;

import java.time.Instant;
import java.util.UUID;

/**
 * One door-camera snapshot of an incident, as the caller may see it ({@link Routes#INCIDENT_SNAPSHOTS}).
 * A protected person's door is {@code hidden} (no image) for a viewer who sees that person masked,
 * exactly like the address; every shown image of a protected person's door is in the access log.
 *
 * @param eventId    the alarm it belongs to
 * @param deviceId   the door camera
 * @param receivedAt when it was stored
 * @param sizeBytes  the image's size
 * @param sha256     the image's SHA-256, hex
 * @param hidden     true when masked for this viewer; then {@code jpeg} is null
 * @param jpeg       the image, or null when hidden
 */
public record SnapshotView(UUID eventId, String deviceId, Instant receivedAt, int sizeBytes, String sha256,
                           boolean hidden, byte[] jpeg) {
}
