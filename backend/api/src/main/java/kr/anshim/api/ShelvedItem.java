package kr.anshim.api;

import java.time.Instant;
import java.util.UUID;

/** An incident or device on the shelf: out of the active queue until {@code expiresAt}, or until unshelved. */
public record ShelvedItem(UUID id, ShelveRequest.Target target, String targetId, String wardCode, String reason,
                          String shelvedBy, Instant shelvedAt, Instant expiresAt) {
}
