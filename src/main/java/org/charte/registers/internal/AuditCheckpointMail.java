package org.charte.registers.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import org.charte.audit.AuditCheckpoints;
import org.charte.common.Zones;
import org.charte.mail.Outbox;
import org.charte.mail.Passage;
import org.charte.policy.Policy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every morning, the DPO receives the audit chain's latest signed checkpoints (R6.5) by mail: a copy
 * kept outside Charte, out of reach of whoever could rewrite its database, which
 * {@code charte audit verify --checkpoints FILE} checks later. The head is signed first if it moved.
 */
@Component
class AuditCheckpointMail {

    /** The checkpoints of about a day at the default interval of 5 minutes, and more. */
    static final int CHECKPOINTS = 300;
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final AuditCheckpoints checkpoints;
    private final Outbox outbox;
    private final Policy policy;
    private final MessageSource messages;
    private final Clock clock;
    private final Locale locale;

    AuditCheckpointMail(AuditCheckpoints checkpoints, Outbox outbox, Policy policy, MessageSource messages, Clock clock,
            @Value("${charte.desk.digest-language:fr}") String language) {
        this.checkpoints = checkpoints;
        this.outbox = outbox;
        this.policy = policy;
        this.messages = messages;
        this.clock = clock;
        this.locale = "en".equals(language) ? Locale.ENGLISH : Locale.FRENCH;
    }


    /** Signs the head if it moved, and queues the mail to the DPO; returns the mail's id. */
    @Transactional
    UUID send() {
        checkpoints.signIfMoved();
        AuditCheckpoints.Document document = checkpoints.document(CHECKPOINTS);
        LocalDate today = LocalDate.now(clock.withZone(Zones.PARIS));
        String subject = messages.getMessage("registers.checkpoints.mail.subject", new Object[] {today.toString()}, locale);
        String body = messages.getMessage("registers.checkpoints.mail.body",
                new Object[] {document.checkpoints().size(), document.checkpoints().isEmpty() ? 0 : document.checkpoints().getFirst().entryCount()},
                locale) + "\n\n" + JSON.writeValueAsString(document) + "\n";
        return outbox.queue(Passage.toController("accountability", null), policy.dpo().email(), subject, body);
    }
}
