package dev.guild.runtime.chat;

import dev.guild.runtime.chat.internal.TemplateRewriter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateRewriterTest {

    @Test
    void rewrites_only_inside_tags_and_outside_strings() {
        assertThat(TemplateRewriter.rewrite("{% set ns = namespace(a=x|length - 1, b='c=d', e=f(g=1)) %}x=y(z)\n"))
                .isEqualTo("{% set ns = namespace(a=(x|length - 1), b=('c=d'), e=(f(g=(1)))) %}x=y(z)");
        assertThat(TemplateRewriter.rewrite("{%- for m in messages[::-1] %}[::-1]{% endfor %}"))
                .isEqualTo("{%- for m in messages|reverse|list %}[::-1]{% endfor %}");
        assertThat(TemplateRewriter.rewrite("{% if not add_generation_prompt is defined %}{% if not a['b'] is not none %}"))
                .isEqualTo("{% if not (add_generation_prompt is defined) %}{% if not (a['b'] is not none) %}");
        assertThat(TemplateRewriter.rewrite("{# a=b( #}{{ x == 1 }}{{ f(a == b) }}"))
                .isEqualTo("{# a=b( #}{{ x == 1 }}{{ f(a == b) }}");
    }
}
