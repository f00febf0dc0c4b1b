package kr.anshim.backend.welfare;

import reactor.core.publisher.Mono;

/** Fills an empty inactivity check (the demo profile's). */
interface WelfareSeed {

    Mono<Void> seed(Enrolments enrolments);
}
