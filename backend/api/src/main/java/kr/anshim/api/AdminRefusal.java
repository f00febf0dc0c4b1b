package kr.anshim.api;

import java.util.Optional;

/**
 * Why the admin and role-grant routes refused a request. The backend's error message starts with
 * the code and a colon ({@code "PASSWORD_TOO_SHORT: a password needs at least 12 characters"}), so
 * screens show the translated reason and never the English detail after it.
 */
public enum AdminRefusal {
    USER_EXISTS,
    NO_SUCH_USER,
    PASSWORD_TOO_SHORT,
    BAD_USERNAME,
    NO_DISPLAY_NAME,
    UNKNOWN_ROLE,
    UNKNOWN_WARD,
    WARD_REQUIRED,
    NO_SESSION,
    NO_DEVICE,
    NO_PENDING_GRANT,
    SELF_APPROVAL,
    SUPERVISOR_APPROVES,
    ADMIN_ONLY,
    SUPERVISOR_OR_ADMIN_ONLY;

    /** The message the backend sends: the code, a colon, then the detail for logs and tools. */
    public String message(String detail) {
        return name() + ": " + detail;
    }

    /** The refusal a message starts with, if any. */
    public static Optional<AdminRefusal> of(String message) {
        if (message == null) {
            return Optional.empty();
        }
        int colon = message.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(message.substring(0, colon)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
