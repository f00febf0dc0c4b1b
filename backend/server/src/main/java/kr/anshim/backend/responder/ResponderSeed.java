package kr.anshim.backend.responder;

import reactor.core.publisher.Mono;

/** Fills an empty roster; only the demo profile provides one. */
interface ResponderSeed {

    Mono<Void> seed(ResponderStore store);
}
