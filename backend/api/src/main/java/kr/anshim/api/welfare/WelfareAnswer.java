package kr.anshim.api.welfare;

/** A plain answer: done, or refused with the reason. */
public record WelfareAnswer(boolean ok, String error) {

    public static WelfareAnswer done() {
        return new WelfareAnswer(true, null);
    }

    public static WelfareAnswer refused(String error) {
        return new WelfareAnswer(false, error);
    }
}
