package kr.anshim.backend.incident;

/** The call-back to the resident. A call that was not answered may be tried again. */
public enum CallbackStatus {
    NOT_TRIED, CALLING, REACHED, NO_ANSWER;

    public boolean canBecome(CallbackStatus next) {
        return switch (this) {
            case NOT_TRIED, NO_ANSWER -> next == CALLING;
            case CALLING -> next == REACHED || next == NO_ANSWER;
            case REACHED -> false;
        };
    }
}
