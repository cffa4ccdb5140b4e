package org.charte.access.internal;

import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.charte.common.Databases;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.FlushMode;
import org.springframework.session.SaveMode;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Staff sessions in the database ({@code spring_session}, Flyway V46), so that any node of a
 * cluster serves any session, made here rather than by Spring Boot's JDBC session
 * auto-configuration: the store is wrapped ({@link SessionTouchRepository}) so that a request
 * writes the last access time only every {@code charte.access.session-touch} (30 s), and any
 * {@code SessionRepository} bean of our own makes that auto-configuration back off entirely. The
 * cookie stays Spring Boot's ({@code server.servlet.session.cookie.*}: JSESSIONID, HttpOnly,
 * SameSite=Strict, Secure over HTTPS); the idle timeout is {@code server.servlet.session.timeout};
 * expired sessions are deleted by {@link SessionCleanup}, one node at a time. The query that reads a
 * session also reads the account of its member of staff ({@link SessionActing}), and the reads of a
 * node's concurrent requests are made by one statement ({@link SessionReads}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableSpringHttpSession
class SessionStore {

    /**
     * The store's template: the session's read also brings the account of its member of staff
     * ({@link SessionActing}: one round trip, not two), and the reads of concurrent requests share one
     * statement ({@link SessionReads}).
     */
    @Bean
    SessionReads sessionReads(DataSource dataSource, @Value("${charte.access.session-gather:1ms}") Duration gather) {
        boolean postgres = postgres(dataSource);
        return new SessionReads(dataSource, tableIn(SessionActing.sessionQuery(postgres)), tableIn(SessionActing.sessionsQuery(postgres)), gather);
    }

    @Bean
    SessionTouchRepository sessionRepository(DataSource dataSource, SessionReads reads, PlatformTransactionManager transactions,
            @Value("${server.servlet.session.timeout:30m}") Duration timeout,
            @Value("${charte.access.session-touch:PT30S}") Duration touchEvery) {
        TransactionTemplate ownTransaction = new TransactionTemplate(transactions);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        JdbcIndexedSessionRepository store = new JdbcIndexedSessionRepository(reads.operations(), new ReadsOutsideTransactions(ownTransaction));
        store.setTableName(TABLE);
        store.setDefaultMaxInactiveInterval(timeout);
        store.setGetSessionQuery(SessionActing.sessionQuery(postgres(dataSource)));
        // Written at the end of the request, and only what was set: an attribute merely read is never rewritten.
        store.setFlushMode(FlushMode.ON_SAVE);
        store.setSaveMode(SaveMode.ON_SET_ATTRIBUTE);
        // Expired sessions are deleted by SessionCleanup (ShedLock), not by a scheduler of the store's own on every node.
        store.setCleanupCron(Scheduled.CRON_DISABLED);
        GenericConversionService conversion = new GenericConversionService();
        conversion.addConverter(Object.class, byte[].class, new SerializingConverter());
        // the same bytes give the same value: the unchangeable ones (the security context) deserialised once per node
        conversion.addConverter(byte[].class, Object.class, new SessionAttributeReads());
        store.setConversionService(conversion);
        store.afterPropertiesSet();
        return new SessionTouchRepository(store, new LastUseTouch(touchEvery));
    }

    /** The sessions' table (Flyway V46), as Spring Session's repository writes it into its queries. */
    private static final String TABLE = "SPRING_SESSION";

    private static String tableIn(String query) {
        return query.replace("%TABLE_NAME%", TABLE);
    }

    private static boolean postgres(DataSource dataSource) {
        return Databases.postgres(dataSource, "the sessions");
    }

    /**
     * The store's transactions, except for its reads. Spring Session JDBC runs every read (a
     * session by id on every signed-in request, sessions by principal name) as a callback of
     * {@link TransactionOperations#execute} and every write (save, delete) by
     * {@link TransactionOperations#executeWithoutResult}: the reads are each one SELECT, as atomic
     * in auto-commit as in a transaction of their own, which would only add a COMMIT round trip to
     * PostgreSQL per request. The writes keep their own transaction (a session's row and its
     * attributes together). {@code SessionStoreTests} proves both halves.
     */
    static final class ReadsOutsideTransactions implements TransactionOperations {

        private final TransactionOperations writes;

        ReadsOutsideTransactions(TransactionOperations writes) {
            this.writes = writes;
        }

        @Override
        public <T> @Nullable T execute(TransactionCallback<T> read) {
            return read.doInTransaction(new SimpleTransactionStatus(false));
        }

        @Override
        public void executeWithoutResult(Consumer<TransactionStatus> write) {
            writes.executeWithoutResult(write);
        }
    }
}
