package kr.anshim.api;

/**
 * The answer to taking a ward's console ({@link Routes#CONSOLE_TAKE}): taken, or blocked by a
 * handover the caller must acknowledge first ({@code pending}, code {@code alarm.refused.handover-pending}).
 */
public record ConsoleTake(boolean taken, String code, String reason, Handover pending) {
}
