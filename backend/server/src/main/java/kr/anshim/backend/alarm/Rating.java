package kr.anshim.backend.alarm;

/** How a measure stands against its ISA-18.2 / EEMUA 191 target. */
enum Rating {
    GREEN, AMBER, RED;

    /** GREEN up to {@code green}, AMBER up to {@code amber}, RED above (lower is better). */
    static Rating atMost(double value, double green, double amber) {
        return value <= green ? GREEN : value <= amber ? AMBER : RED;
    }
}
