package org.charte.common;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * UUIDv7 ids (RFC 9562): 48 bits of Unix milliseconds from the injected clock, then random bits,
 * so ids sort by creation time. Within one millisecond a counter keeps them increasing.
 */
@Component
public class Ids {

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private long sequence;

    public Ids(Clock clock) {
        this.clock = clock;
    }

    public synchronized UUID next() {
        long millis = clock.millis();
        if (millis <= lastMillis) {
            millis = lastMillis;
            sequence++;
            if (sequence > 0xFFF) { // counter spent: borrow the next millisecond
                millis = ++lastMillis;
                sequence = random.nextInt(0x800);
            }
        } else {
            sequence = random.nextInt(0x800);
        }
        lastMillis = millis;
        long high = (millis << 16) | 0x7000L | sequence;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
