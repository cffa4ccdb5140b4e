package org.charte.web.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * What Tomcat answers itself, before any of Charte's code runs (a path with {@code %00}, an
 * encoded slash or backslash, an invalid encoding): problem+json under {@code /api/} and
 * {@code /opendsr/}, a short page elsewhere in French or English; never a stack trace, the
 * server's name or its version. Replaces the error report valve of the host; runs after Spring
 * Boot's customizer, which installs its own.
 */
@Component
@ConditionalOnWebApplication
@ConditionalOnClass(ErrorReportValve.class)
class ContainerErrors implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            if (host instanceof StandardHost standard) {
                standard.setErrorReportValveClass(Report.class.getName());
            }
            host.getPipeline().addValve(new Report());
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** The container's own error answer, in Charte's shapes. */
    public static class Report extends ErrorReportValve {

        public Report() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0) {
                return;
            }
            AtomicBoolean io = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, io);
            if (!io.get()) {
                return;
            }
            String uri = String.valueOf(request.getRequestURI());
            boolean api = uri.startsWith("/api/") || uri.startsWith("/opendsr/");
            String body;
            try {
                response.setCharacterEncoding("UTF-8");
                boolean unavailable = status == 503;
                if (unavailable) {
                    response.setHeader("Retry-After", DatabaseOutage.retryAfter());
                }
                if (api) {
                    response.setContentType("application/problem+json");
                    body = "{\"type\":\"about:blank\",\"title\":\"" + (status < 500 ? "Bad request" : unavailable ? "Service unavailable" : "Server error")
                            + "\",\"status\":" + status + ",\"detail\":\"" + (status < 500 ? "The request is malformed."
                                    : unavailable ? Errors.UNAVAILABLE : "Charte could not complete the request.") + "\"}";
                } else if (unavailable) {
                    response.setContentType("text/html");
                    String languages = String.valueOf(request.getHeader("Accept-Language"));
                    body = languages.startsWith("en") ? page("en", status, "Service unavailable", "The database is unreachable for a moment; nothing was changed. "
                            + "Try again in a few seconds.", "Home page")
                            : page("fr", status, "Service indisponible", "La base de données est injoignable pour un instant ; rien n'a été modifié. "
                                    + "Réessayez dans quelques secondes.", "Accueil");
                } else {
                    response.setContentType("text/html");
                    String languages = String.valueOf(request.getHeader("Accept-Language"));
                    body = languages.startsWith("en") ? page("en", status, "Bad request", "The address asked for is malformed.", "Home page")
                            : page("fr", status, "Requête invalide", "L'adresse demandée est mal formée.", "Accueil");
                }
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(body);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The client is gone or the answer already started: nothing more to say.
            }
        }

        private static String page(String language, int status, String title, String text, String home) {
            return "<!doctype html><html lang=\"" + language + "\"><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body>"
                    + "<h1>" + title + " (" + status + ")</h1><p>" + text + "</p><p><a href=\"/\">" + home + "</a></p></body></html>";
        }
    }
}
