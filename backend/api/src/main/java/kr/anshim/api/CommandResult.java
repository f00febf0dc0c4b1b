package kr.anshim.api;

/**
 * The answer to an {@link IncidentCommand}.
 *
 * @param accepted true when the change is stored
 * @param error    why it was refused (e.g. an illegal transition), else null
 * @param incident the incident after the change (or as it stands, when refused); null if unknown
 */
public record CommandResult(boolean accepted, String error, IncidentView incident) {

    public static CommandResult ok(IncidentView incident) {
        return new CommandResult(true, null, incident);
    }

    public static CommandResult refused(String error, IncidentView incident) {
        return new CommandResult(false, error, incident);
    }
}
