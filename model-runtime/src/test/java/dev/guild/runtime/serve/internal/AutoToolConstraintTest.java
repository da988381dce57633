package dev.guild.runtime.serve.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.runtime.chat.ToolCallFormat;
import dev.guild.runtime.chat.ToolCallParser;
import dev.guild.runtime.constrain.GrammarOptions;
import dev.guild.runtime.constrain.JsonGrammar;
import dev.guild.runtime.constrain.TokenMasker;
import dev.guild.runtime.constrain.ToolSchema;
import dev.guild.runtime.constrain.Vocabulary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** tool_choice auto: free text until the model opens a call, the grammar from there, free again after it closes. */
class AutoToolConstraintTest {

    /** Token 0 is the end of generation; token 1 + b is the single byte b (ASCII). */
    private static Vocabulary vocabulary() {
        List<byte[]> tokens = new ArrayList<>();
        tokens.add("<eos>".getBytes(StandardCharsets.UTF_8));
        for (int b = 0; b < 128; b++) {
            tokens.add(new byte[] {(byte) b});
        }
        BitSet special = new BitSet();
        special.set(0);
        BitSet eog = new BitSet();
        eog.set(0);
        return Vocabulary.of(tokens, special, eog);
    }

    private static List<Character> allowed(AutoToolConstraint c) {
        float[] logits = new float[129];
        c.mask(logits);
        List<Character> out = new ArrayList<>();
        for (int id = 1; id < logits.length; id++) {
            if (logits[id] != Float.NEGATIVE_INFINITY) {
                out.add((char) (id - 1));
            }
        }
        return out;
    }

    private static void write(AutoToolConstraint c, ToolCallParser parser, String text) {
        for (char ch : text.toCharArray()) {
            c.accept(ch + 1);
            parser.accept(String.valueOf(ch));
            c.update(parser);
        }
    }

    @Test
    void the_grammar_switches_on_when_a_call_opens_and_off_when_it_closes() throws Exception {
        Vocabulary vocabulary = vocabulary();
        var schema = new ObjectMapper().readTree("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"boolean\"}},"
                + "\"required\":[\"x\"],\"additionalProperties\":false}");
        TokenMasker masker = TokenMasker.create(JsonGrammar.toolCall(List.of(new ToolSchema("f", schema)), "\n",
                "\n</tool_call>", GrammarOptions.DEFAULTS), vocabulary);
        AutoToolConstraint c = new AutoToolConstraint(masker, vocabulary);
        ToolCallParser parser = ToolCallParser.create(ToolCallFormat.HERMES);

        write(c, parser, "Let me check. ");
        assertThat(c.active()).isFalse();
        assertThat(allowed(c)).hasSize(128);

        write(c, parser, "<tool_call>");
        assertThat(c.active()).isTrue();
        assertThat(allowed(c)).containsExactly('\n');
        write(c, parser, "\n");
        assertThat(allowed(c)).containsExactly('{');
        write(c, parser, "{\"name\": \"f\", \"arguments\": {\"x\": true}}\n</tool_call>");
        assertThat(c.active()).isFalse();
        assertThat(allowed(c)).hasSize(128);
    }

    @Test
    void text_written_after_the_marker_before_the_switch_is_replayed_into_the_grammar() throws Exception {
        Vocabulary vocabulary = vocabulary();
        var schema = new ObjectMapper().readTree("{\"type\":\"object\"}");
        TokenMasker masker = TokenMasker.create(JsonGrammar.toolCall(List.of(new ToolSchema("f", schema)), "\n",
                "\n</tool_call>", GrammarOptions.DEFAULTS), vocabulary);
        AutoToolConstraint c = new AutoToolConstraint(masker, vocabulary);
        ToolCallParser parser = ToolCallParser.create(ToolCallFormat.HERMES);
        parser.accept("<tool_call>\n{");  // one multi-character token
        c.update(parser);
        assertThat(c.active()).isTrue();
        assertThat(allowed(c)).contains('"').doesNotContain('{', 'x');
        ToolCallParser odd = ToolCallParser.create(ToolCallFormat.HERMES);
        AutoToolConstraint unconstrained = new AutoToolConstraint(masker, vocabulary);
        odd.accept("<tool_call>[[");
        unconstrained.update(odd);
        assertThat(unconstrained.active()).as("text that does not fit the grammar leaves the call free").isFalse();
        assertThat(Arrays.asList(allowed(unconstrained).toArray())).hasSize(128);
    }
}
