package kr.anshim.backend.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.rsocket.exceptions.ApplicationErrorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.web.bind.annotation.ControllerAdvice;
import reactor.core.publisher.Mono;

/**
 * How a refused or failed screen request is answered: the requester gets an RSocket application
 * error that says what was wrong, in words, never SQL or a stack trace; the refusal is counted and
 * logged at debug. Without this, Spring logs every refusal at ERROR with a full stack trace, and
 * one careless client floods the log.
 */
@ControllerAdvice
class RefusedRequests {

    private static final Logger log = LoggerFactory.getLogger(RefusedRequests.class);

    private final MeterRegistry meters;

    RefusedRequests(MeterRegistry meters) {
        this.meters = meters;
    }

    @MessageExceptionHandler
    Mono<Void> refused(Throwable error) {
        boolean refusal = error instanceof MessagingException || error instanceof IllegalArgumentException;
        meters.counter("anshim.requests.refused", "kind", refusal ? "refused" : "failed",
                "cause", error.getClass().getSimpleName()).increment();
        log.debug("Request refused: {}", error.toString());
        String message = error instanceof DataAccessException || error.getMessage() == null
                ? "the control centre could not complete this request now; try again"
                : error.getMessage();
        return Mono.error(new ApplicationErrorException(message));
    }
}
