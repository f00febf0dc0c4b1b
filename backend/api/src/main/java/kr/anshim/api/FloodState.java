package kr.anshim.api;

import java.time.Instant;

/**
 * Whether a ward's console is in flood now ({@link Routes#ALARM_FLOOD}): it enters when more than 10
 * incidents were presented in the last 10 minutes and leaves when fewer than 5 were.
 *
 * @param since        when the current flood began, null when not in flood
 * @param last10Minutes incidents presented in the last 10 minutes
 */
public record FloodState(String wardCode, boolean flood, Instant since, int last10Minutes) {
}
