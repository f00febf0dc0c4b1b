package kr.anshim.ui.backend;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the backend's RSocket server listens.
 *
 * @param host backend host, {@code ANSHIM_BACKEND_HOST}
 * @param port  backend RSocket port, {@code ANSHIM_BACKEND_RSOCKET_PORT}
 * @param token the UI's service token, {@code ANSHIM_UI_TOKEN}; the demo profile has its own
 */
@ConfigurationProperties("anshim.backend")
public record BackendProperties(String host, int port, String token) {

    @Override
    public String toString() {
        return "BackendProperties[" + host + ":" + port + ", token hidden]";
    }
}
