package kr.anshim.ui.backend;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the backend's RSocket server listens.
 *
 * @param host backend host, {@code ANSHIM_BACKEND_HOST}
 * @param port backend RSocket port, {@code ANSHIM_BACKEND_RSOCKET_PORT}
 */
@ConfigurationProperties("anshim.backend")
public record BackendProperties(String host, int port) {
}
