package kr.anshim.api;

/** The call-back to the resident. The legal moves are the backend's. */
public enum CallbackStatus {
    NOT_TRIED, CALLING, REACHED, NO_ANSWER
}
