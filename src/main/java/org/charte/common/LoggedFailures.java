package org.charte.common;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * How a failure's stack trace is written in the log ({@code %safeEx} in {@code logback-spring.xml}):
 * as Spring Boot writes it, but a message is kept only when Charte's own code made the exception
 * (its first frame is in {@code org.charte}), whose messages never repeat a submitted value. Every
 * other message is withheld, whoever logs the failure (Spring's transaction templates, Tomcat, a
 * library): drivers quote the row they refused, parsers the text they could not read, and a value
 * may be a name or an e-mail (R8.5). A database error keeps its SQL state.
 */
public class LoggedFailures extends ExtendedWhitespaceThrowableProxyConverter {

    public static final String WITHHELD = "(message withheld: it may quote submitted values)";

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return super.throwableProxyToString(Withheld.of(proxy));
    }

    /** Whether a message made by this throwable's creator may be logged: only Charte's own. */
    static boolean ownMessage(IThrowableProxy proxy) {
        StackTraceElementProxy[] frames = proxy.getStackTraceElementProxyArray();
        return frames != null && frames.length > 0 && frames[0].getStackTraceElement().getClassName().startsWith("org.charte.");
    }

    /** A throwable as logged: its class, frames, causes and suppressed ones, its message only if Charte's. */
    private record Withheld(IThrowableProxy proxy) implements IThrowableProxy {

        static @Nullable IThrowableProxy of(@Nullable IThrowableProxy proxy) {
            return proxy == null || proxy instanceof Withheld ? proxy : new Withheld(proxy);
        }

        @Override
        public @Nullable String getOverridingMessage() {
            return null;
        }

        @Override
        public @Nullable String getMessage() {
            String message = proxy.getMessage();
            if (message == null || ownMessage(proxy)) {
                return message;
            }
            if (proxy instanceof ThrowableProxy real && real.getThrowable() instanceof SQLException sql && sql.getSQLState() != null) {
                return WITHHELD + ", SQL state " + sql.getSQLState();
            }
            return WITHHELD;
        }

        @Override
        public String getClassName() {
            return proxy.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return proxy.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return proxy.getCommonFrames();
        }

        @Override
        public @Nullable IThrowableProxy getCause() {
            return of(proxy.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = proxy.getSuppressed();
            if (suppressed == null) {
                return new IThrowableProxy[0];
            }
            IThrowableProxy[] withheld = new IThrowableProxy[suppressed.length];
            for (int i = 0; i < suppressed.length; i++) {
                withheld[i] = of(suppressed[i]);
            }
            return withheld;
        }

        @Override
        public boolean isCyclic() {
            return proxy.isCyclic();
        }
    }
}
