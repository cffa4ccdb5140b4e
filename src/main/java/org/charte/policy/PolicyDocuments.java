package org.charte.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The human texts rendered from the policy file: the public privacy policy and the Art. 30
 * register. The web pages and {@code charte policy render} use the same templates and the same
 * variables, so the text on the site and the files cannot drift from the policy that runs.
 */
public final class PolicyDocuments {

    public enum Document {
        PRIVACY_POLICY("policy/privacy-policy"),
        REGISTER("policy/register");

        private final String template;

        Document(String template) {
            this.template = template;
        }

        public String template() {
            return template;
        }
    }

    private PolicyDocuments() {}

    /** The variables every policy template reads. */
    public static Map<String, Object> model(Policy policy, PolicyVersion version, Locale locale) {
        return Map.of("v", new PolicyView(policy, locale), "policy", policy, "version", version);
    }

    /**
     * Renders a document outside the web server, as a self-contained HTML file (styles inlined,
     * links kept as site paths), with the same templates and message bundles as the site.
     */
    public static String renderStandalone(Policy policy, PolicyVersion version, Document document, Locale locale) {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(PolicyDocuments.class.getClassLoader());
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        engine.setTemplateResolver(resolver);
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages"); // the policy texts use the main bundle only
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        engine.setTemplateEngineMessageSource(messages);
        engine.setLinkBuilder(new StandardLinkBuilder() {
            @Override
            protected String computeContextPath(IExpressionContext context, String base, Map<String, Object> parameters) {
                return "";
            }
        });
        Context context = new Context(locale, model(policy, version, locale));
        context.setVariable("standalone", true);
        context.setVariable("inlineCss", stylesheet());
        return engine.process(document.template(), context);
    }

    private static String stylesheet() {
        try (var in = PolicyDocuments.class.getClassLoader().getResourceAsStream("static/css/charte.css")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
