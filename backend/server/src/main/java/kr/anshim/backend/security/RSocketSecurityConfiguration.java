package kr.anshim.backend.security;

import org.springframework.boot.rsocket.server.RSocketServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RSocketSecurityConfiguration {

    /**
     * The device contract allows 8 KiB per event; 64 KiB leaves headroom for screens' commands.
     * Larger payloads are refused while they are reassembled, not after they are held in memory.
     */
    static final int MAX_INBOUND_PAYLOAD = 64 * 1024;

    @Bean
    RSocketServerCustomizer authenticateConnections(ConnectionAuthentication authentication) {
        return server -> server.interceptors(registry -> registry.forSocketAcceptor(authentication))
                .maxInboundPayloadSize(MAX_INBOUND_PAYLOAD);
    }
}
