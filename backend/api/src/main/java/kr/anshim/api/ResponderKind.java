package kr.anshim.api;

/** Who can be sent to a scene, each with the prefix of its demo ids. */
public enum ResponderKind {
    /** 순찰차: a police patrol car from a police station (경찰서). */
    POLICE_PATROL("PC"),
    /** 출동대원: a team of the contracted private security company, from its nearest post. */
    SECURITY_GUARD("SG");

    private final String prefix;

    ResponderKind(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }
}
