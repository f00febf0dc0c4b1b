package kr.anshim.backend.security;

import org.springframework.boot.rsocket.server.RSocketServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RSocketSecurityConfiguration {

    @Bean
    RSocketServerCustomizer authenticateConnections(ConnectionAuthentication authentication) {
        return server -> server.interceptors(registry -> registry.forSocketAcceptor(authentication))
                .maxInboundPayloadSize(kr.anshim.backend.RSocketTransportConfiguration.MAX_FRAME);
    }
}
