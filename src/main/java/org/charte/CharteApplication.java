package org.charte;

import java.time.Clock;
import org.charte.common.Zones;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Spring application. The jar starts in {@link org.charte.cli.Main}, whose commands
 * ({@code serve}, {@code demo}) start this application.
 */
@SpringBootApplication
@Modulithic(sharedModules = "common")
@EnableScheduling
public class CharteApplication {

    /** The one clock: every "now" in Charte comes from here, in the zone French law counts in. */
    @Bean
    Clock clock() {
        return Clock.system(Zones.PARIS);
    }
}
