package kr.anshim.api;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The data of one {@link Routes#SNAPSHOT} frame: a one-line JSON header
 * ({@code {"eventId":"…","deviceId":"…","contentType":"image/jpeg"}}, at most {@link #MAX_HEADER} bytes),
 * a newline, then the image's bytes. The declared content type is informative only: the backend
 * checks the bytes. A frame is bigger than the transport's 64 KiB frame limit, so senders fragment
 * it (RSocket fragmentation, e.g. {@code RSocketConnector.fragment(16 * 1024)}).
 */
public final class SnapshotUpload {

    /** 256 KiB: the largest image accepted. */
    public static final int MAX_IMAGE = 256 * 1024;
    /** The header line's limit, newline excluded. */
    public static final int MAX_HEADER = 1024;
    /** The largest frame data: header, newline and image. */
    public static final int MAX_FRAME_DATA = MAX_HEADER + 1 + MAX_IMAGE;

    private SnapshotUpload() {
    }

    /** The frame data for {@code jpeg}, attached to the alarm {@code eventId} of {@code deviceId}. */
    public static byte[] encode(UUID eventId, String deviceId, byte[] jpeg) {
        byte[] header = ("{\"eventId\":\"" + eventId + "\",\"deviceId\":\"" + deviceId.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"contentType\":\"image/jpeg\"}\n").getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[header.length + jpeg.length];
        System.arraycopy(header, 0, frame, 0, header.length);
        System.arraycopy(jpeg, 0, frame, header.length, jpeg.length);
        return frame;
    }
}
