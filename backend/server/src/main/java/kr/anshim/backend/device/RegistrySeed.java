package kr.anshim.backend.device;

import reactor.core.publisher.Mono;

/** Fills an empty registry; only the demo profile provides one. */
public interface RegistrySeed {

    Mono<Void> seed(DeviceRegistry registry);
}
