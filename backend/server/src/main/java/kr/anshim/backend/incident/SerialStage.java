package kr.anshim.backend.incident;

import reactor.core.publisher.Mono;

import java.util.function.Supplier;

/**
 * Runs work one piece at a time in the stage that also commits alarm batches, so commands,
 * correlation and aging never race over the same incident. The journal provides it.
 */
public interface SerialStage {

    <T> Mono<T> serially(Supplier<Mono<T>> work);
}
