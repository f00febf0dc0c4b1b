package kr.anshim.backend.security;

import kr.anshim.api.ConnectionCredentials.Kind;

import java.util.Set;

/**
 * An authenticated connection.
 *
 * @param kind  device, gateway or service
 * @param id    its id
 * @param wards the wards a gateway may relay for; empty means all
 */
public record Caller(Kind kind, String id, Set<String> wards) {

    public Caller {
        wards = Set.copyOf(wards);
    }

    public boolean mayRelayFor(String deviceId, String wardCode) {
        return switch (kind) {
            case DEVICE -> id.equals(deviceId);
            case GATEWAY -> wards.isEmpty() || wards.contains(wardCode);
            case SERVICE -> false;
        };
    }
}
