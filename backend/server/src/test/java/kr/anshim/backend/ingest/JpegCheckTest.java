package kr.anshim.backend.ingest;

import kr.anshim.api.DemoSnapshots;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** A JPEG is known by its bytes: the markers and a header the decoder reads, never by what it is called. */
class JpegCheckTest {

    private static final byte[] JPEG = DemoSnapshots.jpeg(42, 160, 120);

    @Test
    void a_real_jpeg_passes_also_behind_a_header_line() {
        assertThat(JpegCheck.isJpeg(JPEG, 0)).isTrue();
        byte[] framed = new byte[JPEG.length + 3];
        System.arraycopy(JPEG, 0, framed, 3, JPEG.length);
        assertThat(JpegCheck.isJpeg(framed, 3)).isTrue();
    }

    @Test
    void png_bytes_a_cut_off_jpeg_and_a_shell_with_both_markers_but_no_header_are_refused() {
        assertThat(JpegCheck.isJpeg(DemoSnapshots.png(42, 160, 120), 0)).as("PNG").isFalse();
        assertThat(JpegCheck.isJpeg(Arrays.copyOf(JPEG, JPEG.length - 1), 0)).as("no end-of-image marker").isFalse();
        byte[] shell = new byte[512];
        shell[0] = (byte) 0xFF;
        shell[1] = (byte) 0xD8;
        shell[2] = (byte) 0xFF;
        shell[510] = (byte) 0xFF;
        shell[511] = (byte) 0xD9;
        assertThat(JpegCheck.isJpeg(shell, 0)).as("markers without a readable header").isFalse();
        assertThat(JpegCheck.isJpeg(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, 0)).as("three bytes").isFalse();
        assertThat(JpegCheck.isJpeg(JPEG, JPEG.length)).as("nothing after the header").isFalse();
    }
}
