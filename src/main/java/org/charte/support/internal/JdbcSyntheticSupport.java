package org.charte.support.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.charte.common.Ids;
import org.charte.common.SyntheticData;
import org.charte.support.Channel;
import org.charte.support.SyntheticSupport;
import org.charte.support.Ticket;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The same tables and the same sealing as {@link JdbcTickets}, written in batches. */
@Service
class JdbcSyntheticSupport implements SyntheticSupport {

    static final List<String> TITLES = List.of("Impossible d'exporter le grand livre", "Erreur à la clôture de l'exercice",
            "Question sur la facturation annuelle", "Mot de passe oublié", "Lenteur de l'application le matin",
            "Import bancaire en échec", "Ajout d'un utilisateur", "Paramétrage de la TVA intracommunautaire",
            "Sauvegarde non reçue", "Demande de formation sur la paie");
    static final List<String> ASKS = List.of("Bonjour, depuis ce matin l'export s'arrête à 80 %. Pouvez-vous regarder ?",
            "Le message d'erreur indique un exercice déjà clôturé, alors que ce n'est pas le cas.",
            "Je ne retrouve pas ma dernière facture dans mon espace client.", "Merci de me rappeler en fin de journée.",
            "Le problème est revenu aujourd'hui, même manipulation.");
    static final List<String> ANSWERS = List.of("Bonjour, nous avons reproduit le problème et une correction est en cours.",
            "Pouvez-vous nous indiquer l'heure exacte de l'erreur ?", "C'est corrigé de notre côté, pouvez-vous confirmer ?",
            "Nous vous avons envoyé la procédure par e-mail.", "Le ticket est clos ; n'hésitez pas à nous recontacter.");
    private static final Channel[] CHANNELS = Channel.values();
    private static final String OPENED_BY = "system:generate";

    private final JdbcTemplate batch;
    private final Ids ids;
    private final Clock clock;
    private final boolean enabled;

    JdbcSyntheticSupport(JdbcTemplate batch, Ids ids, Clock clock, @Value("${" + SyntheticData.PROPERTY + ":false}") boolean enabled) {
        this.batch = batch;
        this.ids = ids;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Override
    public Written generate(Random random, List<Requester> requesters) {
        SyntheticData.require(enabled, "SyntheticSupport.generate");
        if (requesters.isEmpty()) {
            return new Written(0, 0);
        }
        LocalDate today = LocalDate.now(clock);
        batch.update("UPDATE ticket_counter SET last_value = last_value + ? WHERE name = 'ticket'", requesters.size());
        long first = batch.queryForObject("SELECT last_value FROM ticket_counter WHERE name = 'ticket'", Long.class) - requesters.size() + 1;
        List<Object[]> tickets = new ArrayList<>(requesters.size());
        List<Object[]> messages = new ArrayList<>(requesters.size() * 3);
        for (int i = 0; i < requesters.size(); i++) {
            Requester requester = requesters.get(i);
            UUID id = ids.next();
            long days = Math.max(0, requester.until().toEpochDay() - requester.from().toEpochDay());
            LocalDate openedOn = requester.from().plusDays(days == 0 ? 0 : random.nextLong(days + 1));
            OffsetDateTime openedAt = openedOn.atTime(8 + random.nextInt(10), random.nextInt(60)).atOffset(ZoneOffset.UTC);
            Channel channel = CHANNELS[random.nextInt(CHANNELS.length)];
            boolean closed = openedOn.isBefore(today.minusDays(14)) || random.nextBoolean();
            String title = TITLES.get(random.nextInt(TITLES.size()));
            int count = 2 + random.nextInt(3);
            OffsetDateTime at = openedAt;
            for (int m = 0; m < count; m++) {
                UUID messageId = ids.next();
                boolean inbound = m % 2 == 0;
                String text = inbound ? ASKS.get(random.nextInt(ASKS.size())) : ANSWERS.get(random.nextInt(ANSWERS.size()));
                messages.add(new Object[] {messageId, id, (inbound ? Ticket.Direction.INBOUND : Ticket.Direction.OUTBOUND).name(), channel.name(),
                        requester.key().seal(field(JdbcTickets.BODY, messageId), text.getBytes(StandardCharsets.UTF_8)), null, at,
                        OPENED_BY});
                at = at.plusHours(1 + random.nextInt(20));
            }
            tickets.add(new Object[] {id, "T-%d-%06d".formatted(openedOn.getYear(), first + i), requester.subjectId(), channel.name(),
                    (closed ? Ticket.Status.CLOSED : Ticket.Status.OPEN).name(),
                    requester.key().seal(field(JdbcTickets.TITLE, id), title.getBytes(StandardCharsets.UTF_8)), openedOn, openedAt, OPENED_BY,
                    closed ? at : null, closed ? OPENED_BY : null});
        }
        batch.batchUpdate("""
                INSERT INTO support_ticket (id, reference, subject_id, channel, status, title, opened_on, opened_at, opened_by, closed_at, closed_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", tickets);
        batch.batchUpdate("""
                INSERT INTO ticket_message (id, ticket_id, direction, channel, body, screened, recorded_at, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", messages);
        return new Written(tickets.size(), messages.size());
    }

    /** The field name {@link SupportChecks#seal} binds a value to. */
    static String field(String field, UUID rowId) {
        return "support." + field + ":" + rowId;
    }
}
