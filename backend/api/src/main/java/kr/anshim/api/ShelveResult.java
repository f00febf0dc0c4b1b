package kr.anshim.api;

/**
 * The answer to a shelve or unshelve request.
 *
 * @param code   null when accepted, else a stable refusal code the screens translate
 *               (e.g. {@code alarm.refused.protected}, {@code alarm.refused.critical})
 * @param reason the refusal in English, for logs and other clients
 * @param item   the item shelved or unshelved
 */
public record ShelveResult(boolean accepted, String code, String reason, ShelvedItem item) {

    public static ShelveResult ok(ShelvedItem item) {
        return new ShelveResult(true, null, null, item);
    }

    public static ShelveResult refused(String code, String reason) {
        return new ShelveResult(false, code, reason, null);
    }
}
