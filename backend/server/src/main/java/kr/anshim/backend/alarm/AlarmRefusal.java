package kr.anshim.backend.alarm;

/**
 * An alarm-management request refused, with a stable code the screens translate
 * ({@code alarm.refused.*} in the UI's bundles) and an English reason for logs and other clients.
 * The message sent back is {@code "<code>: <reason>"}.
 */
final class AlarmRefusal extends RuntimeException {

    private final String code;

    AlarmRefusal(String code, String reason) {
        super(code + ": " + reason, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
