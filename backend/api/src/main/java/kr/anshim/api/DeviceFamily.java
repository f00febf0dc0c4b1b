package kr.anshim.api;

/** The device families that raise alarms, each with the prefix of its demo device ids. */
public enum DeviceFamily {
    /** 도어카메라 / 스마트초인종: door camera or smart doorbell. */
    DOOR_CAMERA("DC"),
    /** 음성인식 비상벨: voice-recognition emergency bell. */
    EMERGENCY_BELL("EB"),
    /** 스토킹 피해자 디지털 도어락: smart door lock that locks the instant the door shuts. */
    DOOR_LOCK("DL"),
    /** 실내 비상벨 and the app's SOS: the resident asks for dispatch. */
    SOS_BUTTON("SOS"),
    /** 똑똑문안 활동 요약: a daily (or more frequent) activity summary from the carrier or the person's app. */
    ACTIVITY_SUMMARY("AS"),
    /** 방문 직원 앱: the phone app of a two-person visiting welfare team (signals raised by the backend). */
    VISIT_TEAM("VT");

    private final String prefix;

    DeviceFamily(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }
}
