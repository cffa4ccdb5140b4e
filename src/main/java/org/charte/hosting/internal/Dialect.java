package org.charte.hosting.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How a hosted database is made and unmade on each engine. Names come from {@link #nameFor} (the
 * database's UUID), never from input, and are quoted anyway. The password never reaches the engine
 * in clear: PostgreSQL gets a SCRAM-SHA-256 verifier, H2 a salted hash, so not even a statement log
 * can show it.
 *
 * <p>PostgreSQL: a schema per database, owned by the platform's role, in which the client's login
 * role may use and create; no superuser needed. On the platform database the login is made and
 * dropped by the tables' owner's functions (CREATEROLE is the owner's, not the application's);
 * on a store elsewhere by its admin login (CREATEROLE). A schema rather than a
 * database: it is created and dropped in the platform's transaction (CREATE DATABASE cannot be),
 * needs no CREATEDB, and the store's URL can point to a dedicated cluster when one is wanted.
 * H2: a schema owned by a user of its own.
 */
enum Dialect {

    POSTGRESQL {
        @Override
        String nameFor(UUID id) {
            return "hd_" + id.toString().replace("-", "");
        }

        @Override
        void create(JdbcTemplate admin, String name, String password, LocalDate createdOn) {
            String q = quote(name);
            if (ownerMakesLogins(admin)) {
                admin.queryForObject("SELECT charte_hosted_login_create(?, ?)", Boolean.class, name, scramSha256(password));
            } else {
                admin.execute("CREATE ROLE " + q + " LOGIN NOINHERIT NOCREATEDB NOCREATEROLE CONNECTION LIMIT 20 PASSWORD '"
                        + scramSha256(password) + "'");
                admin.execute("ALTER ROLE " + q + " SET search_path = " + q);
            }
            admin.execute("CREATE SCHEMA " + q);
            admin.execute("GRANT USAGE, CREATE ON SCHEMA " + q + " TO " + q);
            sampleTable(admin, q, createdOn);
            admin.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON " + q + ".gestan_parametre TO " + q);
        }

        @Override
        void drop(JdbcTemplate admin, String name) {
            String q = quote(name);
            boolean owner = ownerMakesLogins(admin);
            if (owner) {
                admin.queryForObject("SELECT charte_hosted_login_lock(?)", Boolean.class, name);
            } else if (roleExists(admin, name)) {
                admin.execute("ALTER ROLE " + q + " NOLOGIN");
            }
            admin.execute("DROP SCHEMA IF EXISTS " + q + " CASCADE");
            if (owner) {
                admin.queryForObject("SELECT charte_hosted_login_drop(?)", Boolean.class, name);
            } else {
                admin.execute("DROP ROLE IF EXISTS " + q);
            }
        }

        /**
         * On the platform database the owner's functions (migration V18_1) make and drop the logins,
         * so that the application's role needs no CREATEROLE; a store elsewhere has an admin login of its own.
         */
        private boolean ownerMakesLogins(JdbcTemplate admin) {
            return Boolean.TRUE.equals(admin.queryForObject(
                    "SELECT to_regprocedure('charte_hosted_login_create(text,text)') IS NOT NULL", Boolean.class));
        }

        @Override
        boolean loginExists(JdbcTemplate admin, String name) {
            return roleExists(admin, name);
        }

        private boolean roleExists(JdbcTemplate admin, String name) {
            Long n = admin.queryForObject("SELECT COUNT(*) FROM pg_roles WHERE rolname = ?", Long.class, name);
            return n != null && n > 0;
        }
    },

    H2 {
        @Override
        String nameFor(UUID id) {
            // H2 upper-cases the user name of a connection: the login must be upper-case to be usable.
            return "HD_" + id.toString().replace("-", "").toUpperCase(Locale.ROOT);
        }

        @Override
        void create(JdbcTemplate admin, String name, String password, LocalDate createdOn) {
            String q = quote(name);
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            admin.execute("CREATE USER " + q + " SALT X'" + HexFormat.of().formatHex(salt) + "' HASH X'"
                    + HexFormat.of().formatHex(h2Hash(name, password, salt)) + "'");
            admin.execute("CREATE SCHEMA " + q + " AUTHORIZATION " + q);
            sampleTable(admin, q, createdOn);
        }

        @Override
        void drop(JdbcTemplate admin, String name) {
            String q = quote(name);
            admin.execute("DROP SCHEMA IF EXISTS " + q + " CASCADE");
            admin.execute("DROP USER IF EXISTS " + q);
        }

        @Override
        boolean loginExists(JdbcTemplate admin, String name) {
            Long n = admin.queryForObject("SELECT COUNT(*) FROM information_schema.users WHERE user_name = ?", Long.class, name);
            return n != null && n > 0;
        }
    };

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern NAME = Pattern.compile("(hd|HD)_[0-9a-fA-F]{32}");

    static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        throw new IllegalStateException("hosted databases are made on PostgreSQL or H2 only");
    }

    /** The schema and login name of a hosted database. */
    abstract String nameFor(UUID id);

    /** Creates the login, the schema and the sample table, in the admin connection's transaction where the engine allows. */
    abstract void create(JdbcTemplate admin, String name, String password, LocalDate createdOn);

    /** A small table of the Gestan database's settings, so that exports and destruction deal with real data. */
    static void sampleTable(JdbcTemplate admin, String quotedSchema, LocalDate createdOn) {
        admin.execute("CREATE TABLE " + quotedSchema + ".gestan_parametre (cle VARCHAR(60) NOT NULL PRIMARY KEY, valeur VARCHAR(200) NOT NULL)");
        admin.update("INSERT INTO " + quotedSchema + ".gestan_parametre (cle, valeur) VALUES (?, ?), (?, ?), (?, ?)",
                "application", "Gestan Cloud", "version-schema", "1", "cree-le", createdOn.toString());
    }

    /** Drops the schema with everything in it, and the login; does nothing for what is already gone. */
    abstract void drop(JdbcTemplate admin, String name);

    abstract boolean loginExists(JdbcTemplate admin, String name);

    boolean schemaExists(JdbcTemplate admin, String name) {
        Long n = admin.queryForObject("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?", Long.class, name);
        return n != null && n > 0;
    }

    /** A quoted identifier; only names of the form {@code hd_<32 hex>} are ever accepted. */
    static String quote(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a hosted database name");
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** Any identifier (a table a client made), quoted for SQL. */
    static String quoteAny(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A PostgreSQL SCRAM-SHA-256 verifier (RFC 5802, RFC 7677), as {@code pg_authid} stores it. */
    static String scramSha256(String password) {
        try {
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            int iterations = 4096;
            SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] salted = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] serverKey = hmac(salted, "Server Key");
            Base64.Encoder b64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey) + ":"
                    + b64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SCRAM-SHA-256 is not available", e);
        }
    }

    /** H2's stored hash: SHA-256(SHA-256(UTF-16BE of "USER@password") || salt). */
    static byte[] h2Hash(String user, String password, byte[] salt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] userPasswordHash = sha.digest((user + "@" + password).getBytes(StandardCharsets.UTF_16BE));
            sha.reset();
            sha.update(userPasswordHash);
            sha.update(salt);
            return sha.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static byte[] hmac(byte[] key, String message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }
}
