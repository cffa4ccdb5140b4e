package org.charte.commerce.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every plan one may subscribe to has its name in both languages, for the pages that show a subscription (an archive entry). */
class PlanWordsTests {

    @Test
    @DisplayName("L10 L4 every Gestan Cloud plan has words in French and in English (code.subscription-plan-code.<plan>)")
    void plansWorded() throws IOException {
        for (String bundle : new String[] {"messages.properties", "messages_en.properties"}) {
            Properties words = new Properties();
            try (InputStream in = PlanWordsTests.class.getClassLoader().getResourceAsStream(bundle)) {
                words.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            assertThat(Plans.ALL).allSatisfy(plan -> assertThat(words)
                    .containsKey("code.subscription-plan-code." + plan.code().toLowerCase(Locale.ROOT).replace('_', '-')));
        }
    }
}
