package kr.anshim.backend.security;

import org.springframework.boot.rsocket.server.RSocketServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RSocketSecurityConfiguration {

    @Bean
    RSocketServerCustomizer authenticateConnections(ConnectionAuthentication authentication,
                                                    @org.springframework.beans.factory.annotation.Value("${anshim.connections.max-open-requests:1024}") int maxOpenRequests) {
        return server -> server.interceptors(registry -> registry.forSocketAcceptor(authentication)
                        .forRequestsInResponder(connection -> new OpenRequests(maxOpenRequests, connection)))
                .maxInboundPayloadSize(kr.anshim.backend.RSocketTransportConfiguration.MAX_PAYLOAD);
    }
}
