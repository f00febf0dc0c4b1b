package kr.anshim.api.welfare;

/** The answer to a visit request: the visit, or why it was refused. */
public record VisitResult(boolean ok, String error, VisitView visit) {

    public static VisitResult ok(VisitView visit) {
        return new VisitResult(true, null, visit);
    }

    public static VisitResult refused(String error) {
        return new VisitResult(false, error, null);
    }
}
