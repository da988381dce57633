package dev.guild.runtime.serve.internal;

import dev.guild.runtime.chat.ToolCallParser;
import dev.guild.runtime.constrain.GrammarMatcher;
import dev.guild.runtime.constrain.TokenMasker;
import dev.guild.runtime.constrain.Vocabulary;
import dev.guild.runtime.serve.LogitsConstraint;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code tool_choice: auto}: generation is free until the model opens a tool call; from then on the
 * rest of the call is constrained by a grammar of the offered tools, so a call once started is
 * always valid. When the call is closed, generation is free again. The text the model wrote after
 * the call's start marker before the switch is replayed into the grammar byte by byte; if it does
 * not fit the grammar the call stays unconstrained (and the parser reports it as malformed).
 */
final class AutoToolConstraint implements LogitsConstraint {

    private final TokenMasker masker;
    private final Vocabulary vocabulary;
    private final int[] byteTokens;
    private GrammarConstraint active;
    private boolean triedThisCall;

    /** @param masker a masker for one call after the start marker (see {@link ChatEngine}) */
    AutoToolConstraint(TokenMasker masker, Vocabulary vocabulary) {
        this.masker = masker;
        this.vocabulary = vocabulary;
        this.byteTokens = new int[256];
        Arrays.fill(byteTokens, -1);
        for (int id = 0; id < vocabulary.size(); id++) {
            byte[] b = vocabulary.token(id);
            if (b.length == 1 && byteTokens[b[0] & 0xFF] < 0) {
                byteTokens[b[0] & 0xFF] = id;
            }
        }
    }

    boolean active() {
        return active != null;
    }

    @Override
    public void mask(float[] logits) {
        if (active != null) {
            active.mask(logits);
        }
    }

    @Override
    public void accept(int token) {
        if (active != null) {
            active.accept(token);
        }
    }

    /** Follows the parser after each token: switches the grammar on when a call opens, off when it closes. */
    void update(ToolCallParser parser) {
        if (!parser.insideCall()) {
            active = null;
            triedThisCall = false;
            return;
        }
        if (active != null || triedThisCall) {
            return;
        }
        triedThisCall = true;
        GrammarMatcher matcher = masker.newMatcher();
        for (byte b : parser.openCallText().getBytes(StandardCharsets.UTF_8)) {
            int id = byteTokens[b & 0xFF];
            if (id < 0 || !matcher.isAllowed(id)) {
                return;
            }
            matcher.accept(id);
        }
        active = new GrammarConstraint(matcher, vocabulary);
    }
}
