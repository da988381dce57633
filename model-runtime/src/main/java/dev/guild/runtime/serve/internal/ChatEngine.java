package dev.guild.runtime.serve.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guild.runtime.chat.ChatPrompt;
import dev.guild.runtime.chat.ToolCallFormat;
import dev.guild.runtime.chat.ToolDefinition;
import dev.guild.runtime.constrain.GrammarOptions;
import dev.guild.runtime.constrain.JsonGrammar;
import dev.guild.runtime.constrain.TokenMasker;
import dev.guild.runtime.constrain.ToolSchema;
import dev.guild.runtime.constrain.UnsupportedSchemaException;
import dev.guild.runtime.constrain.Vocabulary;
import dev.guild.runtime.generate.SamplingParams;
import dev.guild.runtime.serve.Completion;
import dev.guild.runtime.serve.GenerationJob;
import dev.guild.runtime.serve.LogitsConstraint;
import dev.guild.runtime.serve.OverloadedException;
import dev.guild.runtime.serve.RequestHandle;
import dev.guild.runtime.serve.RequestRejectedException;
import dev.guild.runtime.serve.ServedModel;
import dev.guild.runtime.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * From a validated {@link ChatRequest} to a scheduled generation: renders the prompt with the
 * model's chat template, tokenizes it, chooses sampling and constrained decoding, and wires the
 * generated tokens through an {@link OutputAssembler} to the caller's sink.
 */
public final class ChatEngine {

    private final ServedModel served;
    private final Tokenizer tokenizer;
    private final Vocabulary vocabulary;
    /** Maskers by grammar: agents resend the same tools and schemas, and a masker's caches are worth keeping. */
    private final Map<String, TokenMasker> maskers = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, TokenMasker> eldest) {
                    return size() > MASKER_CACHE;
                }
            });
    private static final int MASKER_CACHE = 32;

    public ChatEngine(ServedModel served) {
        this.served = served;
        this.tokenizer = served.model().tokenizer().orElseThrow();
        this.vocabulary = Vocabulary.of(tokenizer);
    }

    public ServedModel served() {
        return served;
    }

    /** The outcome handed to {@code onDone}: the completion and how many tool calls were emitted. */
    public record Outcome(Completion completion, int toolCalls) {
    }

    /**
     * Starts generating. {@code sink} and {@code onDone} are called on the scheduler thread.
     *
     * @throws ApiException for a request that cannot be served (400, 404, 429)
     */
    public RequestHandle submit(ChatRequest request, OutputAssembler.Sink sink, BiConsumer<Outcome, Throwable> onDone) {
        if (!request.model().equals(served.name())) {
            throw new ApiException(404, "invalid_request_error", "model", "model_not_found", "the model '"
                    + request.model() + "' does not exist on this server; it serves '" + served.name()
                    + "' (see GET /v1/models)", 0);
        }
        boolean toolsOn = !request.tools().isEmpty() && !request.toolChoice().equals("none");
        String text;
        try {
            text = served.template().render(new ChatPrompt(request.messages(),
                    toolsOn ? request.tools() : List.of(), true, Map.of()));
        } catch (RuntimeException e) {
            throw ApiException.invalid("messages", "the conversation cannot be rendered with the model's chat"
                    + " template: " + e.getMessage());
        }
        String bos = tokenizer.bosId() >= 0 ? tokenizer.tokenText(tokenizer.bosId()) : "";
        int[] prompt = tokenizer.encode(text, bos.isEmpty() || !text.startsWith(bos), true);
        int context = served.scheduler().contextLength();
        int room = Math.max(1, context - prompt.length);
        int maxTokens = request.maxTokens().orElse(Math.min(room, served.scheduler().config().maxTokensPerRequest()));
        Optional<GrammarConstraint> constraint = constraint(request);
        Optional<AutoToolConstraint> auto = toolsOn && request.toolChoice().equals("auto")
                ? Optional.of(autoConstraint(request.tools())) : Optional.empty();
        float temperature = request.temperature().orElse(1f);
        SamplingParams sampling = new SamplingParams(temperature, 0, request.topP().orElse(1f), 0f, 1f, 64,
                request.seed().orElse(System.nanoTime()));
        OutputAssembler assembler = new OutputAssembler(tokenizer, request.stop(),
                toolsOn ? Optional.of(served.toolCallFormat()) : Optional.empty(), constraint, auto, sink);
        Optional<LogitsConstraint> logits = constraint.<LogitsConstraint>map(c -> c).or(() -> auto.map(a -> a));
        GenerationJob job = new GenerationJob(prompt, maxTokens, sampling, tokenizer.eogIds(), logits,
                assembler::onToken);
        RequestHandle handle;
        try {
            handle = served.scheduler().submit(job);
        } catch (RequestRejectedException e) {
            String code = e.param().equals("messages") ? "context_length_exceeded" : "invalid_value";
            throw new ApiException(400, "invalid_request_error", e.param(), code, e.getMessage(), 0);
        } catch (OverloadedException e) {
            throw new ApiException(429, "rate_limit_exceeded", null, "server_overloaded", e.getMessage(),
                    e.retryAfterSeconds());
        }
        handle.result().whenComplete((completion, error) -> {
            if (error == null) {
                assembler.finish();
                onDone.accept(new Outcome(completion, assembler.toolCalls()), null);
            } else {
                onDone.accept(null, error);
            }
        });
        return handle;
    }

    private TokenMasker masker(String key, java.util.function.Supplier<JsonGrammar> grammar) {
        TokenMasker m = maskers.get(key);
        if (m == null) {
            m = TokenMasker.create(grammar.get(), vocabulary);
            maskers.put(key, m);
        }
        return m;
    }

    private static String toolsKey(List<ToolSchema> tools) {
        StringBuilder sb = new StringBuilder();
        for (ToolSchema t : tools) {
            sb.append(t.name()).append('\u0000').append(t.parameters()).append('\u0000');
        }
        return sb.toString();
    }

    private Optional<GrammarConstraint> constraint(ChatRequest request) {
        Optional<TokenMasker> grammar;
        try {
            if (request.toolChoice().equals("required") || request.toolChoice().equals("function")) {
                List<ToolSchema> tools = new ArrayList<>();
                for (ToolDefinition t : request.tools()) {
                    if (request.namedTool().map(t.name()::equals).orElse(true)) {
                        tools.add(new ToolSchema(t.name(), t.parameters()));
                    }
                }
                CallForm form = CallForm.of(served.toolCallFormat());
                grammar = Optional.of(masker("required\u0000" + toolsKey(tools), () -> JsonGrammar.toolCall(tools,
                        form.body(), form.requiredPrefix(), form.requiredSuffix(), GrammarOptions.DEFAULTS)));
            } else if (request.responseSchema().isPresent()) {
                JsonNode schema = request.responseSchema().get();
                grammar = Optional.of(masker("schema\u0000" + schema, () -> JsonGrammar.compile(schema,
                        GrammarOptions.DEFAULTS)));
            } else if (request.jsonObject()) {
                grammar = Optional.of(masker("object", () -> JsonGrammar.anyObject(GrammarOptions.DEFAULTS)));
            } else {
                grammar = Optional.empty();
            }
        } catch (UnsupportedSchemaException e) {
            throw ApiException.invalid(request.responseSchema().isPresent() ? "response_format.json_schema.schema"
                    : "tools", "the JSON schema cannot be enforced: " + e.getMessage());
        }
        return grammar.map(m -> new GrammarConstraint(m.newMatcher(), vocabulary));
    }

    /** A constraint for {@code tool_choice: auto}: the grammar of one call after its start marker. */
    private AutoToolConstraint autoConstraint(List<ToolDefinition> tools) {
        CallForm form = CallForm.of(served.toolCallFormat());
        List<ToolSchema> schemas = tools.stream().map(t -> new ToolSchema(t.name(), t.parameters())).toList();
        try {
            return new AutoToolConstraint(masker("auto\u0000" + toolsKey(schemas), () -> JsonGrammar.toolCall(schemas,
                    form.body(), form.autoPrefix(), form.autoSuffix(), GrammarOptions.DEFAULTS)), vocabulary);
        } catch (UnsupportedSchemaException e) {
            throw ApiException.invalid("tools", "a tool's parameter schema cannot be enforced: " + e.getMessage());
        }
    }
}
