package kr.anshim.ui.alarm;

import kr.anshim.api.FloodState;

import java.util.List;

/**
 * Whether a console is in flood, as the backend's flood monitor says for the wards it shows (it
 * enters above 10 presented in 10 minutes, leaves below 5, and records both): in flood while any of
 * them is; the rate shown is the busiest ward's count in the last 10 minutes.
 */
public record ConsoleFlood(boolean flooding, int rate) {

    public static final ConsoleFlood NONE = new ConsoleFlood(false, 0);

    public static ConsoleFlood of(List<FloodState> states) {
        boolean flooding = states.stream().anyMatch(FloodState::flood);
        int rate = states.stream().filter(s -> !flooding || s.flood()).mapToInt(FloodState::last10Minutes).max().orElse(0);
        return new ConsoleFlood(flooding, rate);
    }
}
