package kr.anshim.backend.responder;

/**
 * Bad input to a responder route. The message starts with the reason, a stable code, and then
 * says what to fix; request-response callers receive it as the error.
 */
class RejectedInput extends RuntimeException {

    enum Reason {
        MALFORMED_JSON, MISSING_RESPONDER, UNKNOWN_RESPONDER, NOT_YOUR_RESPONDER, INVALID_COORDINATES,
        OUTSIDE_SEOUL, INVALID_TIME, TIME_IN_FUTURE, INVALID_PER_KIND
    }

    private final Reason reason;

    RejectedInput(Reason reason, String message) {
        super(reason + ": " + message, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
