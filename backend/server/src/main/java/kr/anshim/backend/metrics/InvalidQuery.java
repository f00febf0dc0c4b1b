package kr.anshim.backend.metrics;

/** A metrics query that cannot be answered; the message says what to fix and is sent to the caller. */
class InvalidQuery extends RuntimeException {

    InvalidQuery(String message) {
        super(message, null, false, false);
    }
}
