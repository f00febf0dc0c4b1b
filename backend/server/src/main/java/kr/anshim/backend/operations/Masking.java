package kr.anshim.backend.operations;

/** Masks personal data: a name entirely (not even its length shows), a phone's middle, an address's street. */
public final class Masking {

    private Masking() {
    }

    /** Always {@link kr.anshim.api.IncidentDetail#MASKED_NAME}: a first character or a length narrows a victim down. */
    public static String name(String name) {
        return kr.anshim.api.IncidentDetail.MASKED_NAME;
    }

    /** 010-1234-5678 becomes 010-****-5678. */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String[] parts = phone.split("-");
        return parts.length == 3 ? parts[0] + "-****-" + parts[2] : "****";
    }

    /** Keeps the city and ward, hides the street and number. */
    public static String address(String address) {
        if (address == null) {
            return null;
        }
        String[] words = address.split(" ");
        return words.length <= 2 ? "***" : words[0] + " " + words[1] + " ***";
    }
}
