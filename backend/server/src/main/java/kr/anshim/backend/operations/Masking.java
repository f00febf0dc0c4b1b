package kr.anshim.backend.operations;

/** Masks personal data the way Korean public documents do: the first character stays, the rest is hidden. */
final class Masking {

    private Masking() {
    }

    static String name(String name) {
        if (name == null || name.isBlank()) {
            return name;
        }
        return name.charAt(0) + "*".repeat(Math.max(1, name.length() - 1));
    }

    /** 010-1234-5678 becomes 010-****-5678. */
    static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String[] parts = phone.split("-");
        return parts.length == 3 ? parts[0] + "-****-" + parts[2] : "****";
    }

    /** Keeps the city and ward, hides the street and number. */
    static String address(String address) {
        if (address == null) {
            return null;
        }
        String[] words = address.split(" ");
        return words.length <= 2 ? "***" : words[0] + " " + words[1] + " ***";
    }
}
