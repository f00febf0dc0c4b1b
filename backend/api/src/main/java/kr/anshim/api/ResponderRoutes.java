package kr.anshim.api;

/** RSocket route names for responders (patrol cars and guard teams), grouped by interaction model. */
public final class ResponderRoutes {

    /** Fire-and-forget: one {@link ResponderPosition}; positions may be conflated (gateways and services). */
    public static final String RESPONDER_POSITION = "responder.position";

    /**
     * Request-response: {@code {"latitude":..,"longitude":..,"perKind":3}} in, a list of
     * {@link ResponderRecommendation}s out, the nearest first (services only).
     */
    public static final String RESPONDERS_RECOMMEND = "responders.recommend";

    /**
     * Request-stream: every responder ({@link ResponderView}) first, then changes, at most about
     * four per second per responder, the latest winning (services only).
     */
    public static final String RESPONDERS_LIVE = "responders.live";

    /**
     * Request-stream, signed-in users: the {@link ResponderBoard} of the units the caller sees, at once
     * and then every {@code 2} seconds: status, incident served, ETA, last position time, stale flag.
     */
    public static final String RESPONDERS_BOARD = "responders.board";

    private ResponderRoutes() {
    }
}
