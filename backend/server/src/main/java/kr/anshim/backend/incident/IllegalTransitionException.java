package kr.anshim.backend.incident;

/** A command that the incident's current state does not allow; its message is shown to the operator. */
public class IllegalTransitionException extends RuntimeException {

    public IllegalTransitionException(String message) {
        super(message);
    }
}
