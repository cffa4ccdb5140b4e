package org.charte.registers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.charte.audit.AuditCheckpoint;
import org.charte.audit.AuditCheckpoints;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.policy.Policy;
import org.charte.testing.MailServer;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@Tag("db")
class AuditCheckpointMailTests extends RightsTestBase {

    @Autowired AuditLog log;
    @Autowired AuditCheckpoints checkpoints;
    @Autowired AuditCheckpointMail mail;
    @Autowired Policy policy;

    @Test
    @DisplayName("R6.5 every morning the DPO receives the latest signed checkpoints by mail, the head signed first if it moved")
    void dailyMail() {
        UUID subject = UUID.randomUUID();
        log.append(AuditEvent.allowed("staff:" + UUID.randomUUID(), "read", "customer-service", "subject", subject.toString(), subject,
                List.of("identity")));
        mail.send();
        AuditCheckpoint newest = checkpoints.latest(1).getFirst();
        String text = MailServer.latest(policy.dpo().email(), "points de contrôle");
        assertThat(text).contains("./charte audit verify --checkpoints", "\"format\" : \"" + AuditCheckpoint.FORMAT + "\"", "\"publicKey\"",
                newest.signature());
        assertThat(text).doesNotContain(subject.toString());
    }
}
