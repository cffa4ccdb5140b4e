package org.charte.subjects.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.charte.common.Ids;
import org.charte.common.SyntheticData;
import org.charte.policy.CurrentPolicy;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.SyntheticSubjects;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fictitious people written in batches, sealed as {@link SubjectStore} seals real ones: the same
 * three tables, the same field names bound to each sealed part, the same blind indexes.
 */
@Service
class JdbcSyntheticSubjects implements SyntheticSubjects {

    static final List<String> LAST_NAMES = List.of("Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois",
            "Moreau", "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
            "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure", "André", "Mercier",
            "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin",
            "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Marchand", "Duval", "Denis",
            "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier", "Brun", "Blanchard", "Giraud", "Joly", "Rivière",
            "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud", "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy",
            "Leroux", "Colin", "Vidal", "Caron", "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix",
            "Olivier", "Philippe", "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Payet", "Rolland", "Leclercq", "Guillaume",
            "Lecomte", "Lopez", "Jean", "Dupuy", "Guillot", "Hubert", "Berger", "Carpentier", "Sanchez", "Dupuis", "Moulin",
            "Louis", "Deschamps", "Huet", "Vasseur", "Perez", "Boucher", "Fleury", "Royer", "Klein", "Jacquet", "Adam", "Paris",
            "Poirier", "Marty", "Aubry", "Guyot", "Carré", "Charles", "Renault", "Charpentier", "Ménard", "Maillard", "Baron",
            "Bertin", "Bailly", "Hervé", "Schneider", "Fernandez", "Le Gall", "Collet", "Léger", "Bouvier", "Julien", "Prévost",
            "Millet", "Perrot", "Daniel", "Le Roux", "Cousin", "Germain", "Breton", "Besson", "Langlois", "Rémy", "Le Goff",
            "Pelletier", "Lévêque", "Perrier", "Leblanc", "Barré", "Lebrun", "Marchal", "Weber", "Mallet", "Hamon", "Boulanger",
            "Jacob", "Monnier", "Michaud", "Rodriguez", "Guichard", "Gillet", "Étienne", "Grondin", "Poulain", "Tessier",
            "Chevallier", "Collin", "Chauvin", "Da Silva", "Bouchet", "Gay", "Lemaître", "Bénard", "Maréchal", "Humbert", "Reynaud",
            "Antoine", "Hoarau", "Perret", "Barthélemy", "Cordier", "Pichon", "Lejeune", "Gilbert", "Lamy", "Delaunay", "Pasquier",
            "Carlier", "Laporte");
    static final List<String> WOMEN = List.of("Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Christine",
            "Sandrine", "Valérie", "Céline", "Stéphanie", "Aurélie", "Julie", "Camille", "Laura", "Sarah", "Manon", "Emma", "Léa",
            "Chloé", "Inès", "Jade", "Louise", "Alice", "Lina", "Juliette", "Clara", "Élodie", "Émilie", "Anne", "Hélène", "Claire",
            "Agnès", "Martine", "Monique", "Brigitte", "Sophie", "Caroline", "Virginie", "Mélanie", "Pauline", "Margaux", "Zoé");
    static final List<String> MEN = List.of("Jean", "Philippe", "Michel", "Alain", "Patrick", "Nicolas", "Christophe", "Pierre",
            "Christian", "Éric", "Frédéric", "Laurent", "Stéphane", "David", "Julien", "Sébastien", "Thomas", "Antoine", "Maxime",
            "Alexandre", "Hugo", "Lucas", "Louis", "Gabriel", "Arthur", "Jules", "Raphaël", "Léo", "Nathan", "Mathis", "Théo",
            "François", "Olivier", "Bruno", "Didier", "Thierry", "Pascal", "Vincent", "Guillaume", "Romain", "Benoît", "Yves");
    static final List<String> STREETS = List.of("rue de la République", "avenue Jean Jaurès", "boulevard Voltaire", "rue des Lilas",
            "place du Marché", "rue Pasteur", "allée des Tilleuls", "rue Victor Hugo", "chemin des Vignes", "rue de l'Église",
            "avenue de la Gare", "rue du Moulin", "impasse des Roses", "rue Gambetta", "route de Paris", "rue des Écoles",
            "avenue du Général de Gaulle", "rue Jules Ferry", "place de la Mairie", "rue du Château", "rue des Acacias",
            "boulevard de la Liberté", "quai de la Loire", "rue Émile Zola", "rue Carnot", "rue Nationale", "rue de la Paix");
    static final List<String> DOMAINS = List.of("example.com", "example.net", "example.org");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate batch;
    private final Vault vault;
    private final CurrentPolicy current;
    private final PostalCodes postalCodes;
    private final Ids ids;
    private final Clock clock;
    private final boolean enabled;

    JdbcSyntheticSubjects(JdbcTemplate batch, Vault vault, CurrentPolicy current, PostalCodes postalCodes, Ids ids, Clock clock,
            @Value("${" + SyntheticData.PROPERTY + ":false}") boolean enabled) {
        this.batch = batch;
        this.vault = vault;
        this.current = current;
        this.postalCodes = postalCodes;
        this.ids = ids;
        this.clock = clock;
        this.enabled = enabled;
    }

    /** A made-up person, before sealing. */
    record Person(UUID id, SubjectStatus status, LocalDate lastContactOn, LocalDate clientSince, LocalDate contractEndedOn,
            Identity identity, Contacts contacts) {}

    @Override
    public List<Generated> generate(Random random, int count) {
        SyntheticData.require(enabled, "SyntheticSubjects.generate");
        List<Person> people = makeUp(random, count);
        List<Vault.SubjectKey> keys = new ArrayList<>(people.size());
        for (Person person : people) {
            keys.add(vault.newKey(person.id()));
        }
        vault.storeKeys(keys);
        write(people, keys, "");
        List<Generated> generated = new ArrayList<>(people.size());
        for (int i = 0; i < people.size(); i++) {
            Person p = people.get(i);
            generated.add(new Generated(p.id(), p.status(), p.lastContactOn(), p.clientSince(), p.contractEndedOn(), keys.get(i),
                    p.contacts().emails().getFirst()));
        }
        return generated;
    }

    /** Fictitious adults, valid by construction (the rules of {@link PersonalDataRules} accept them). */
    List<Person> makeUp(Random random, int count) {
        LocalDate today = LocalDate.now(clock);
        List<Map.Entry<String, String>> communes = postalCodes.pairs();
        List<Person> people = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            UUID id = ids.next();
            boolean woman = random.nextBoolean();
            String first = pick(random, woman ? WOMEN : MEN);
            String firstNames = random.nextInt(4) == 0 ? first + " " + pick(random, woman ? WOMEN : MEN) : first;
            String last = pick(random, LAST_NAMES);
            LocalDate birth = today.minusYears(25 + random.nextInt(60)).minusDays(random.nextInt(365));
            Map.Entry<String, String> commune = communes.get(random.nextInt(communes.size()));
            PostalAddress address = new PostalAddress(List.of((1 + random.nextInt(120)) + " " + pick(random, STREETS)), commune.getKey(),
                    commune.getValue(), "FR");
            String email = (ascii(first) + "." + ascii(last) + "." + Long.toString(id.getLeastSignificantBits() & 0xFF_FFFF_FFFFL, 36)
                    + "@" + pick(random, DOMAINS));
            String phone = "+33" + (6 + random.nextInt(2)) + String.format(Locale.ROOT, "%08d", random.nextInt(100_000_000));
            int kind = random.nextInt(100);
            SubjectStatus status = kind < 35 ? SubjectStatus.PROSPECT : kind < 80 ? SubjectStatus.CLIENT_ACTIVE : SubjectStatus.CLIENT_INACTIVE;
            LocalDate since = null;
            LocalDate ended = null;
            LocalDate lastContact;
            if (status == SubjectStatus.PROSPECT) {
                lastContact = today.minusDays(random.nextInt(3 * 365));
            } else {
                since = today.minusDays(60 + random.nextInt(8 * 365));
                if (status == SubjectStatus.CLIENT_INACTIVE) {
                    ended = since.plusDays(30 + random.nextInt((int) Math.max(1, today.toEpochDay() - since.toEpochDay() - 30)));
                    if (ended.isAfter(today)) {
                        ended = today;
                    }
                    lastContact = ended;
                } else {
                    lastContact = today.minusDays(random.nextInt(365));
                }
                if (lastContact.isBefore(since)) {
                    lastContact = since;
                }
            }
            people.add(new Person(id, status, lastContact, since, ended, new Identity(woman ? "Mme" : "M.", last, firstNames, birth),
                    new Contacts(List.of(address), List.of(email), List.of(phone))));
        }
        return people;
    }

    /**
     * Writes the people's rows into {@code data_subject}{@code suffix} and {@code subject_lookup}{@code suffix}
     * in batches, their parts sealed with their keys (or, for a benchmark's baseline, with
     * {@code keys} null: the same bytes unsealed and the indexes' plain values, into copy tables).
     */
    void write(List<Person> people, @Nullable List<Vault.SubjectKey> keys, String suffix) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        UUID policy = current.version().id();
        List<Object[]> subjects = new ArrayList<>(people.size());
        List<Object[]> lookups = new ArrayList<>(people.size() * 3);
        for (int i = 0; i < people.size(); i++) {
            Person p = people.get(i);
            Vault.SubjectKey key = keys == null ? null : keys.get(i);
            byte[] identity = JSON.writeValueAsBytes(p.identity());
            byte[] contacts = JSON.writeValueAsBytes(p.contacts());
            subjects.add(new Object[] {p.id(), p.status().name(), now, p.lastContactOn(), p.contractEndedOn(), policy,
                    key == null ? identity : key.seal(SubjectStore.IDENTITY_FIELD, identity),
                    key == null ? contacts : key.seal(SubjectStore.CONTACTS_FIELD, contacts)});
            lookups.add(new Object[] {p.id(), "name", index(keys, "name", PersonalDataRules.nameKey(p.identity().lastName()))});
            lookups.add(new Object[] {p.id(), "email", index(keys, "email", PersonalDataRules.normalisedEmail(p.contacts().emails().getFirst()))});
            lookups.add(new Object[] {p.id(), "phone", index(keys, "phone", p.contacts().phones().getFirst())});
        }
        batch.batchUpdate("INSERT INTO data_subject" + suffix + """
                 (id, status, created_at, last_contact_on, contract_ended_on, policy_version_id, identity, contacts)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", subjects);
        batch.batchUpdate("INSERT INTO subject_lookup" + suffix + " (subject_id, kind, digest) VALUES (?, ?, ?)", lookups);
    }

    /** The blind index; for the baseline, the plain value in the same 64 characters. */
    private String index(@Nullable List<Vault.SubjectKey> keys, String kind, String value) {
        if (keys != null) {
            return vault.blindIndex(kind, value);
        }
        String plain = kind + ":" + value;
        return plain.length() >= 64 ? plain.substring(0, 64) : plain + " ".repeat(64 - plain.length());
    }

    private static String ascii(String name) {
        return WordListScreen.fold(name).replaceAll("[^a-z]", "");
    }

    private static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
