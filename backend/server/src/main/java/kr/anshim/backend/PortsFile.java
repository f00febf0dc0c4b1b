package kr.anshim.backend;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.rsocket.context.RSocketServerInitializedEvent;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * With {@code anshim.ports-file} set, writes the bound ports once the backend is ready, so a
 * launcher or test that started it on port 0 knows where to connect.
 */
@Component
class PortsFile {

    private final String path;
    private volatile int httpPort;
    private volatile int rsocketPort;

    PortsFile(@Value("${anshim.ports-file:}") String path) {
        this.path = path;
    }

    @EventListener
    void on(WebServerInitializedEvent event) {
        httpPort = event.getWebServer().getPort();
    }

    @EventListener
    void on(RSocketServerInitializedEvent event) {
        rsocketPort = event.getServer().address().getPort();
    }

    @EventListener(ApplicationReadyEvent.class)
    void write() {
        if (path.isBlank()) {
            return;
        }
        try {
            Path file = Path.of(path);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            // the HTTP port serves the actuator only: it is the management port (http= kept for existing launchers)
            Files.writeString(tmp, "http=" + httpPort + "\nmanagement=" + httpPort + "\nrsocket=" + rsocketPort + "\n");
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
