package dev.guild.runtime.chat.internal;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import dev.guild.runtime.chat.ChatTemplateException;
import jinjava.javax.el.CompositeELResolver;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Jinjava set up like the environment Hugging Face renders chat templates in: {@code trim_blocks} and
 * {@code lstrip_blocks}, {@code raise_exception}, {@code strftime_now}, a Python-compatible
 * {@code tojson}, Python string methods, {@code namespace()} and loop controls (built into Jinjava),
 * no nested interpretation of values (message text is never executed as a template).
 */
public final class JinjaRenderer {
    private static final long MAX_OUTPUT = 64L << 20;

    /** One engine for all templates: its configuration never changes and rendering is thread-safe. */
    private static final Jinjava JINJAVA = engine();

    private final String source;

    public JinjaRenderer(String template) {
        this.source = TemplateRewriter.rewrite(template);
    }

    private static Jinjava engine() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PyStringMethods());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        LegacyOverrides python = LegacyOverrides.newBuilder().withEvaluateMapKeys(true).withIterateOverMapKeys(true)
                .withUseNaturalOperatorPrecedence(true).withParseWhitespaceControlStrictly(true)
                .withKeepNullableLoopValues(true).withUseTrimmingForNotesAndExpressions(true).build();
        Jinjava jinjava = new Jinjava(JinjavaConfig.newBuilder().withElResolver(resolver).withTrimBlocks(true)
                .withLstripBlocks(true).withNestedInterpretationEnabled(false).withFailOnUnknownTokens(false)
                .withMaxOutputSize(MAX_OUTPUT).withLegacyOverrides(python).build());
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
                JinjaFunctions.class, "raiseException", Object.class));
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "strftime_now",
                JinjaFunctions.class, "strftimeNow", String.class));
        jinjava.getGlobalContext().registerFilter(new ToJsonFilter());
        return jinjava;
    }

    public String render(Map<String, Object> context) {
        RenderResult result;
        try {
            result = JINJAVA.renderForResult(source, context);
        } catch (RuntimeException e) {
            throw new ChatTemplateException("chat template failed: " + rootMessage(e), e);
        }
        List<TemplateError> fatal = result.getErrors().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL).toList();
        if (!fatal.isEmpty()) {
            throw new ChatTemplateException(fatal.stream().map(JinjaRenderer::describe)
                    .collect(Collectors.joining("; ", "chat template failed: ", "")));
        }
        return result.getOutput();
    }

    private static String describe(TemplateError e) {
        Throwable cause = e.getException();
        while (cause != null) {
            if (cause instanceof JinjaFunctions.TemplateRaisedException raised) {
                return "the template raised: " + raised.getMessage();
            }
            cause = cause.getCause();
        }
        String message = e.getMessage();
        int raised = message == null ? -1 : message.indexOf("TemplateRaisedException: ");
        if (raised >= 0) {
            return "the template raised: " + message.substring(raised + "TemplateRaisedException: ".length());
        }
        return message + (e.getLineno() > 0 ? " (template line " + e.getLineno() + ")" : "");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** {@code tojson} with Python's separators; {@code indent} as a keyword or the first argument. */
    private static final class ToJsonFilter implements Filter {
        @Override
        public String getName() {
            return "tojson";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            return PyJson.dumps(var, args.length > 0 && args[0] != null ? Integer.parseInt(args[0]) : -1);
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            Object indent = kwargs.getOrDefault("indent", args.length > 0 ? args[0] : null);
            return PyJson.dumps(var, indent instanceof Number n ? n.intValue() : indent == null ? -1
                    : Integer.parseInt(indent.toString()));
        }
    }
}
