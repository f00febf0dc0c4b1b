package kr.anshim.loadtests;

import kr.anshim.api.DeviceFamily;
import kr.anshim.api.SignalType;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Plausible relative rates of device events per family: motion and low battery often, loitering
 * now and then, wrong codes and forced doors rarely, bells and SOS rarely. Heartbeats are sent on
 * their own schedule and are not part of this mix.
 */
final class EventMix {

    private static final Map<DeviceFamily, Map<SignalType, Double>> WEIGHTS = new EnumMap<>(DeviceFamily.class);

    static {
        WEIGHTS.put(DeviceFamily.DOOR_CAMERA, weights(
                SignalType.MOTION, 60, SignalType.LOW_BATTERY, 12, SignalType.LOITERING, 20,
                SignalType.TAMPER, 3, SignalType.FORCED_ENTRY, 1));
        WEIGHTS.put(DeviceFamily.DOOR_LOCK, weights(
                SignalType.DOOR_LEFT_OPEN, 40, SignalType.WRONG_CODES, 25, SignalType.LOW_BATTERY, 20,
                SignalType.LOCK_FAILURE, 6, SignalType.TAMPER, 5, SignalType.DOOR_FORCED, 4));
        WEIGHTS.put(DeviceFamily.EMERGENCY_BELL, weights(
                SignalType.LOW_BATTERY, 70, SignalType.BELL_PRESSED, 15, SignalType.VOICE_KEYWORD, 15));
        WEIGHTS.put(DeviceFamily.SOS_BUTTON, weights(SignalType.SOS_PRESSED, 60, SignalType.APP_SOS, 40));
    }

    /** How often each family raises something, relative to the others, per device. */
    static double familyActivity(DeviceFamily family) {
        return switch (family) {
            case DOOR_CAMERA -> 1.0;
            case DOOR_LOCK -> 0.4;
            case EMERGENCY_BELL -> 0.04;
            case SOS_BUTTON -> 0.02;
            // activity summaries and visiting teams are WelfareTraffic's, not alarm events
            case ACTIVITY_SUMMARY, VISIT_TEAM -> 0.0;
        };
    }

    static SignalType pick(DeviceFamily family, SplittableRandom random) {
        Map<SignalType, Double> weights = WEIGHTS.get(family);
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        double roll = random.nextDouble() * total;
        for (Map.Entry<SignalType, Double> entry : weights.entrySet()) {
            roll -= entry.getValue();
            if (roll <= 0) {
                return entry.getKey();
            }
        }
        return weights.keySet().iterator().next();
    }

    static Map<String, Object> payload(SignalType type, SplittableRandom random) {
        return switch (type) {
            case LOITERING -> Map.of("dwellSeconds", 20 + random.nextInt(600));
            case VOICE_KEYWORD -> Map.of("keyword", "사람 살려", "confidence", 0.7 + random.nextDouble() * 0.3);
            case WRONG_CODES -> Map.of("count", 3 + random.nextInt(8));
            case DOOR_LEFT_OPEN -> Map.of("openSeconds", 60 + random.nextInt(1800));
            case LOW_BATTERY -> Map.of("batteryPercent", 3 + random.nextInt(15));
            case SOS_PRESSED -> Map.of("residentRequested", true);
            default -> Map.of();
        };
    }

    private static Map<SignalType, Double> weights(Object... pairs) {
        Map<SignalType, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((SignalType) pairs[i], ((Number) pairs[i + 1]).doubleValue());
        }
        return map;
    }

    private EventMix() {
    }
}
