package kr.anshim.api.welfare;

import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceFamily;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo inactivity check (똑똑문안, as Seodaemun-gu runs it): every demo household in 서대문구 is
 * enrolled, with an ACTIVITY_SUMMARY device, one of the ward's 동, a threshold of 1 to 5 days and the
 * demo officer. Derived from the {@link DemoCity}, so the backend's demo profile and the simulator agree.
 */
public final class DemoWelfare {

    public static final String WARD = "11410";
    public static final String OFFICER = "officer.seodaemun";

    /** 서대문구's 14 administrative 동. */
    static final List<String> DONGS = List.of("충현동", "천연동", "북아현동", "신촌동", "연희동", "홍제1동", "홍제2동", "홍제3동",
            "홍은1동", "홍은2동", "남가좌1동", "남가좌2동", "북가좌1동", "북가좌2동");

    private DemoWelfare() {
    }

    /** The enrolled people; their last activity is unknown until the first summary. */
    public static List<EnrolmentView> enrolments(DemoCity city) {
        List<EnrolmentView> people = new ArrayList<>();
        List<DemoCity.Household> households = city.households().stream().filter(h -> h.wardCode().equals(WARD)).toList();
        for (int n = 0; n < households.size(); n++) {
            DemoCity.Household h = households.get(n);
            people.add(new EnrolmentView(h.id(), WARD, deviceId(h.id()), DONGS.get(n % DONGS.size()), 1 + n % 5, OFFICER, null));
        }
        return people;
    }

    /** Their ACTIVITY_SUMMARY devices, with demo tokens. */
    public static List<DemoCity.Device> devices(DemoCity city) {
        return enrolments(city).stream()
                .map(e -> new DemoCity.Device(e.deviceId(), DeviceFamily.ACTIVITY_SUMMARY, e.householdId(), DemoCity.demoToken(e.deviceId())))
                .toList();
    }

    static String deviceId(String householdId) {
        return DeviceFamily.ACTIVITY_SUMMARY.prefix() + "-" + householdId.substring(householdId.indexOf('-') + 1);
    }
}
