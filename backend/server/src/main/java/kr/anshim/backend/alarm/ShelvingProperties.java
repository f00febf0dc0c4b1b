package kr.anshim.backend.alarm;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Shelving limits.
 *
 * @param max the longest an item may stay shelved (OPC UA Part 9's MaxTimeShelved); 8 hours by default
 */
@ConfigurationProperties("anshim.alarm.shelving")
record ShelvingProperties(Duration max) {

    ShelvingProperties {
        max = max == null ? Duration.ofHours(8) : max;
    }
}
