package kr.anshim.api;

/**
 * Sent as the data of the RSocket SETUP frame (JSON). A connection without valid credentials is
 * refused at setup with a clear error; nothing else can be sent on it.
 *
 * @param kind  who connects
 * @param id    the device id, gateway id or service name
 * @param token the secret issued for that id
 */
public record ConnectionCredentials(Kind kind, String id, String token) {

    public enum Kind {
        /** One device, which may send only its own events. */
        DEVICE,
        /** A gateway that relays events for many devices (of its wards, when it has any). */
        GATEWAY,
        /** A trusted service such as the control-room UI. */
        SERVICE,
        /** A signed-in screen user; the token comes from {@link Routes#LOGIN}. Everything is scoped to the user's wards. */
        USER
    }

    public static ConnectionCredentials device(String id, String token) {
        return new ConnectionCredentials(Kind.DEVICE, id, token);
    }

    public static ConnectionCredentials gateway(String id, String token) {
        return new ConnectionCredentials(Kind.GATEWAY, id, token);
    }

    public static ConnectionCredentials user(String username, String sessionToken) {
        return new ConnectionCredentials(Kind.USER, username, sessionToken);
    }

    public static ConnectionCredentials service(String id, String token) {
        return new ConnectionCredentials(Kind.SERVICE, id, token);
    }

    @Override
    public String toString() {
        return "ConnectionCredentials[" + kind + " " + id + ", token hidden]";
    }
}
