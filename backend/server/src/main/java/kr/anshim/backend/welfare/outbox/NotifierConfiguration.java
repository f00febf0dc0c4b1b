package kr.anshim.backend.welfare.outbox;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

import java.net.URI;

/** The SMS and e-mail adapters, each only when its provider's URL is configured; else messages are logged. */
@Configuration(proxyBeanMethods = false)
class NotifierConfiguration {

    @Bean
    @ConditionalOnExpression("'${anshim.welfare.outbox.sms-url:}' != ''")
    Notifier smsNotifier(WebClient.Builder builder, @Value("${anshim.welfare.outbox.sms-url}") URI url,
                         @Value("${anshim.welfare.outbox.sms-token:}") String token) {
        return new WebhookNotifier(Channel.SMS, builder, url, token);
    }

    @Bean
    @ConditionalOnExpression("'${anshim.welfare.outbox.email-url:}' != ''")
    Notifier emailNotifier(WebClient.Builder builder, @Value("${anshim.welfare.outbox.email-url}") URI url,
                           @Value("${anshim.welfare.outbox.email-token:}") String token) {
        return new WebhookNotifier(Channel.EMAIL, builder, url, token);
    }
}
