package kr.anshim.backend.alarm;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Shelving limits.
 *
 * @param max  the longest an item may stay shelved (OPC UA Part 9's MaxTimeShelved); 8 hours by default
 * @param sync cluster mode: how often an instance reads the shelf again, to learn what was shelved or
 *             ended through another instance (5 s by default)
 */
@ConfigurationProperties("anshim.alarm.shelving")
record ShelvingProperties(Duration max, Duration sync) {

    ShelvingProperties {
        max = max == null ? Duration.ofHours(8) : max;
        sync = sync == null ? Duration.ofSeconds(5) : sync;
    }
}
