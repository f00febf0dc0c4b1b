package kr.anshim.api;

/** The evidence export's wire facts ({@link Routes#INCIDENT_EXPORT}): the ZIP's entries and its chunking. */
public final class EvidenceExport {

    /** Bytes per chunk of the ZIP on the wire: well below the 64 KiB frame once encoded. */
    public static final int CHUNK = 32 * 1024;

    public static final String INCIDENT = "incident.json";
    public static final String TIMELINE = "timeline.json";
    public static final String PROCEDURES = "procedures.json";
    public static final String DISPATCHES = "dispatches.json";
    public static final String CALLS = "calls.json";
    public static final String SNAPSHOTS = "snapshots/";
    /** Every other entry's SHA-256 and size, and who exported it, when, masked or not. */
    public static final String MANIFEST = "manifest.json";

    private EvidenceExport() {
    }
}
