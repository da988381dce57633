package dev.guild.agents;

import dev.guild.tools.ToolRegistry;
import dev.guild.tools.template.RenderTemplateTool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentStepsTest {

    private static final ToolRegistry REGISTRY = ToolRegistry.of(List.of(new RenderTemplateTool()));
    private static final AgentToolbox TOOLBOX = new AgentToolbox(REGISTRY, List.of("render_template"));
    private static final String GOOD_ARGS = "{\"template\":\"Hi {{n}}\",\"values\":{\"n\":\"Ada\"}}";

    private static ToolExecutionRequest call(String id, String name, String arguments) {
        return ToolExecutionRequest.builder().id(id).name(name).arguments(arguments).build();
    }

    @Test
    void should_return_the_final_answer_when_the_model_calls_no_tool() {
        StepDecision decision = AgentSteps.decide(AiMessage.from("Hello, Ada!"), TOOLBOX);

        assertThat(decision.isFinal()).isTrue();
        assertThat(decision.finalAnswer()).isEqualTo("Hello, Ada!");
        assertThat(decision.calls()).isEmpty();
        assertThat(decision.malformed()).isZero();
    }

    @Test
    void should_return_well_formed_calls_in_order() {
        StepDecision decision = AgentSteps.decide(AiMessage.from(List.of(
                call("a", "render_template", GOOD_ARGS), call("b", "render_template", GOOD_ARGS))), TOOLBOX);

        assertThat(decision.isFinal()).isFalse();
        assertThat(decision.calls()).extracting(ToolInvocation::id).containsExactly("a", "b");
        assertThat(decision.calls().getFirst().arguments()).isEqualTo(GOOD_ARGS);
    }

    @Test
    void should_answer_each_malformed_call_with_what_was_wrong_and_keep_the_good_ones() {
        StepDecision decision = AgentSteps.decide(AiMessage.from(List.of(
                call("u", "send_fax", "{}"),
                call("j", "render_template", "{\"template\": "),
                call("s", "render_template", "{\"template\":7,\"values\":{}}"),
                call("o", "render_template", "[1,2]"),
                call("g", "render_template", GOOD_ARGS))), TOOLBOX);

        assertThat(decision.calls()).extracting(ToolInvocation::id).containsExactly("g");
        assertThat(decision.feedback()).hasSize(4).allSatisfy(m -> assertThat(m).isInstanceOf(ToolExecutionResultMessage.class));
        List<ToolExecutionResultMessage> feedback = decision.feedback().stream().map(ToolExecutionResultMessage.class::cast).toList();
        assertThat(feedback).extracting(ToolExecutionResultMessage::id).containsExactly("u", "j", "s", "o");
        assertThat(feedback.get(0).text()).contains("no tool named 'send_fax'").contains("[render_template]");
        assertThat(feedback.get(1).text()).contains("not valid JSON").contains("{\"template\": ");
        assertThat(feedback.get(2).text()).contains("do not match its parameters").contains("/template");
        assertThat(feedback.get(3).text()).contains("must be a JSON object").contains("[1,2]");
    }

    @Test
    void should_ask_again_after_an_empty_reply() {
        StepDecision decision = AgentSteps.decide(AiMessage.from(" "), TOOLBOX);

        assertThat(decision.isFinal()).isFalse();
        assertThat(decision.feedback()).singleElement().isInstanceOf(UserMessage.class);
        assertThat(((UserMessage) decision.feedback().getFirst()).singleText()).isEqualTo(AgentSteps.EMPTY_REPLY_FEEDBACK);
    }

    @Test
    void a_tool_that_is_registered_but_not_allowed_is_unknown_to_the_agent() {
        AgentToolbox none = new AgentToolbox(REGISTRY, List.of());

        StepDecision decision = AgentSteps.decide(AiMessage.from(List.of(call("a", "render_template", GOOD_ARGS))), none);

        assertThat(decision.calls()).isEmpty();
        assertThat(((ToolExecutionResultMessage) decision.feedback().getFirst()).text()).contains("[]");
    }

    @Test
    void unknown_allowed_tools_are_refused_with_the_registered_names() {
        assertThatThrownBy(() -> new AgentToolbox(REGISTRY, List.of("render_template", "teleport")))
                .hasMessageContaining("[teleport]").hasMessageContaining("[render_template]");
    }

    @Test
    void the_request_carries_instructions_task_tools_and_model_settings() {
        AgentSpec spec = new AgentSpec("greeter", "Be kind.", List.of("render_template"),
                new ModelSettings("granite-moe", 0.3, 128), AgentLimits.DEFAULTS);

        ChatRequest request = AgentSteps.request(spec, AgentSteps.openingMessages(spec, "Greet Ada"), TOOLBOX);

        assertThat(request.messages()).containsExactly(SystemMessage.from("Be kind."), UserMessage.from("Greet Ada"));
        assertThat(request.parameters().modelName()).isEqualTo("granite-moe");
        assertThat(request.parameters().temperature()).isEqualTo(0.3);
        assertThat(request.parameters().maxOutputTokens()).isEqualTo(128);
        assertThat(request.toolSpecifications()).singleElement().satisfies(tool -> {
            assertThat(tool.name()).isEqualTo("render_template");
            assertThat(tool.description()).contains("placeholder");
            JsonObjectSchema parameters = tool.parameters();
            assertThat(parameters.properties()).containsKeys("template", "values");
            assertThat(parameters.required()).containsExactly("template", "values");
        });
        assertThatThrownBy(() -> AgentSteps.openingMessages(spec, " ")).hasMessageContaining("empty task");
    }

    @Test
    void each_budget_is_reported_distinctly() {
        AgentLimits limits = new AgentLimits(3, 1_000, 60);

        assertThat(AgentSteps.exhausted(limits, 2, 999, 59_999)).isEmpty();
        assertThat(AgentSteps.exhausted(limits, 3, 0, 0)).contains(AgentOutcome.MAX_STEPS);
        assertThat(AgentSteps.exhausted(limits, 0, 1_000, 0)).contains(AgentOutcome.MAX_TOKENS);
        assertThat(AgentSteps.exhausted(limits, 0, 0, 60_000)).contains(AgentOutcome.DEADLINE);
        assertThat(AgentSteps.exhausted(limits, 3, 1_000, 60_000)).isEqualTo(Optional.of(AgentOutcome.MAX_TOKENS));
        assertThat(AgentSteps.describe(AgentOutcome.MAX_STEPS, limits, 3, 10)).contains("maxSteps 3");
        assertThat(AgentSteps.describe(AgentOutcome.MAX_TOKENS, limits, 1, 1_200)).contains("1200 tokens").contains("maxTokens 1000");
        assertThat(AgentSteps.describe(AgentOutcome.DEADLINE, limits, 1, 1)).contains("deadlineSeconds 60");
    }

    @Test
    void specs_and_limits_refuse_bad_values_with_the_value() {
        assertThatThrownBy(() -> new AgentLimits(0, 1, 1)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> new AgentLimits(1, 0, 1)).hasMessageContaining("maxTokens").hasMessageContaining("got 0");
        assertThatThrownBy(() -> new AgentLimits(1, 1, 0)).hasMessageContaining("deadlineSeconds");
        assertThatThrownBy(() -> new ModelSettings(null, 2.5, null)).hasMessageContaining("2.5");
        assertThatThrownBy(() -> new AgentSpec("a", " ", List.of(), null, null)).hasMessageContaining("no instructions");
        assertThat(new AgentSpec("a", "x", null, null, null).limits()).isEqualTo(AgentLimits.DEFAULTS);
    }
}
