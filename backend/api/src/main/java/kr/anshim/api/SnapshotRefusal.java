package kr.anshim.api;

/**
 * Why a door camera's snapshot ({@link Routes#SNAPSHOT}) was refused: the {@link Ack#reason()} code.
 * Each is translated in the UI's bundles ({@code snapshot.refused.<code>}) and documented in
 * docs/device-protocol.md.
 */
public enum SnapshotRefusal {
    /** The frame is not a one-line JSON header with an {@code eventId}, a newline and the image. */
    MALFORMED_SNAPSHOT,
    /** The image is larger than {@link SnapshotUpload#MAX_IMAGE} bytes. */
    SNAPSHOT_TOO_LARGE,
    /** The bytes are not a JPEG (start FF D8 FF, end FF D9, a header that decodes), whatever type was declared. */
    NOT_A_JPEG,
    /** No stored alarm has this {@code eventId}: send the snapshot after the alarm's {@code STORED} answer. */
    UNKNOWN_EVENT,
    /** The alarm is another device's: a camera attaches images to its own alarms only. */
    NOT_YOUR_EVENT,
    /** Only door cameras send snapshots. */
    NOT_A_DOOR_CAMERA,
    /** The alarm already has another image (one per alarm; the same image again is answered {@code DUPLICATE}). */
    SNAPSHOT_EXISTS,
    /** Too many snapshots are being stored right now; resend after a random delay (alarms are not affected). */
    OVERLOADED,
    /** Not stored this time; resend it unchanged shortly. */
    STORAGE_UNAVAILABLE
}
