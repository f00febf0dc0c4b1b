package kr.anshim.backend.device;

import java.util.Set;

/** A gateway that may relay events for the devices of its wards (all wards when empty). */
public record RegisteredGateway(String id, String tokenSha256, boolean revoked, Set<String> wards) {

    public RegisteredGateway {
        wards = Set.copyOf(wards);
    }
}
