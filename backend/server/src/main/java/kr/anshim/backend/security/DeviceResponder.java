package kr.anshim.backend.security;

import io.rsocket.RSocket;

/**
 * The responder for device and gateway connections: alarms and heartbeats are answered by intake
 * directly, frame by frame; anything else goes to {@code routes}, the annotated controllers.
 * Implemented by the ingest module, so security does not depend on it.
 */
public interface DeviceResponder {

    RSocket responderFor(Caller caller, String metadataMimeType, RSocket routes);
}
