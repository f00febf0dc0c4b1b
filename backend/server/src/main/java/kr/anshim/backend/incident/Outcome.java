package kr.anshim.backend.incident;

/** How a resolved incident ended; resolving requires one. */
public enum Outcome {
    RESIDENT_SAFE, SUSPECT_GONE, POLICE_ARREST, REFERRED_TO_WELFARE, MEDICAL_EMERGENCY, DEVICE_FAULT, OTHER
}
