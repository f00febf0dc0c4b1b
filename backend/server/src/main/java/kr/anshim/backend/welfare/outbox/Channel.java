package kr.anshim.backend.welfare.outbox;

/** How a message reaches its recipient. */
public enum Channel {
    SMS, EMAIL, LOG
}
