package dev.guild.runtime.tokenizer.internal;

import dev.guild.runtime.tokenizer.TokenType;
import dev.guild.runtime.tokenizer.Tokenizer;
import dev.guild.runtime.tokenizer.TokenizerException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/** The {@link Tokenizer} for gpt2 (byte-level BPE) and llama (SentencePiece) GGUF vocabularies. */
public final class LlamaCppTokenizer implements Tokenizer {
    private final Vocabulary vocab;
    private final SpecialTokenPartitioner partitioner;
    private final BpeEncoder bpe;
    private final SpmEncoder spm;
    private final byte[][] pieces;

    private LlamaCppTokenizer(Vocabulary vocab) {
        this.vocab = vocab;
        this.partitioner = new SpecialTokenPartitioner(vocab);
        this.bpe = vocab.model == Vocabulary.Model.BPE ? new BpeEncoder(vocab) : null;
        this.spm = vocab.model == Vocabulary.Model.SPM ? new SpmEncoder(vocab) : null;
        this.pieces = new byte[vocab.size()][];
        for (int id = 0; id < pieces.length; id++) {
            pieces[id] = renderPiece(id);
        }
    }

    public static LlamaCppTokenizer fromMetadata(Map<String, Object> metadata) {
        return new LlamaCppTokenizer(VocabularyLoader.load(metadata));
    }

    @Override
    public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
        if (text == null) {
            throw new TokenizerException("text to encode is null; pass an empty string for no text");
        }
        String clean = sanitize(text);
        IntList out = new IntList(clean.length() / 3 + 4);
        if (addSpecial && vocab.addBos) {
            out.add(vocab.special.bos());
        }
        boolean prevSpecial = true;
        for (SpecialTokenPartitioner.Fragment f : partitioner.partition(clean, parseSpecial)) {
            if (f.isToken()) {
                out.add(f.token());
                prevSpecial = true;
                continue;
            }
            String raw = clean.substring(f.start(), f.end());
            if (bpe != null) {
                bpe.encode(raw, out);
            } else {
                String withPrefix = vocab.addSpacePrefix && prevSpecial ? " " + raw : raw;
                spm.encode(withPrefix.replace(' ', SpmEncoder.SPACE_MARK), out);
                prevSpecial = false;
            }
        }
        if (addSpecial && vocab.addEos) {
            out.add(vocab.special.eos());
        }
        return out.toArray();
    }

    @Override
    public int[] encode(byte[] utf8, boolean addSpecial, boolean parseSpecial) {
        if (utf8 == null) {
            throw new TokenizerException("bytes to encode are null; pass an empty array for no text");
        }
        return encode(Utf8.decodeLenient(utf8), addSpecial, parseSpecial);
    }

    /** Lone surrogates cannot be UTF-8; they become '?', exactly as {@link String#getBytes} writes them. */
    private static String sanitize(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return new String(Utf8.bytes(text), StandardCharsets.UTF_8);
            }
        }
        return text;
    }

    @Override
    public byte[] tokenToPiece(int id, boolean renderSpecial) {
        checkId(id);
        TokenType type = vocab.types[id];
        if (!renderSpecial && (type == TokenType.CONTROL || type == TokenType.UNKNOWN)) {
            return new byte[0];
        }
        return pieces[id].clone();
    }

    /** llama.cpp's token_to_piece with special rendering on, computed once per token. */
    private byte[] renderPiece(int id) {
        String text = vocab.texts[id];
        TokenType type = vocab.types[id];
        if (type == TokenType.CONTROL || type == TokenType.UNKNOWN || type == TokenType.USER_DEFINED) {
            return Utf8.bytes(text);
        }
        if (vocab.model == Vocabulary.Model.SPM) {
            if (type == TokenType.NORMAL) {
                return Utf8.bytes(text.replace(SpmEncoder.SPACE_MARK, ' '));
            }
            if (type == TokenType.BYTE && text.length() == 6 && text.startsWith("<0x") && text.endsWith(">")) {
                try {
                    return new byte[] {(byte) Integer.parseInt(text.substring(3, 5), 16)};
                } catch (NumberFormatException e) {
                    return new byte[0];
                }
            }
            return new byte[0];
        }
        if (type != TokenType.NORMAL) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            int b = ByteLevel.byteOf(text.charAt(i));
            if (b >= 0) {
                out.write(b);
            } else {
                int cpt = text.codePointAt(i);
                StringBuilder unk = new StringBuilder("[UNK_BYTE_0x");
                for (byte u : Utf8.bytes(Character.toString(cpt))) {
                    unk.append(String.format("%02x", u & 0xFF));
                }
                out.writeBytes(Utf8.bytes(unk.append(text).append(']').toString()));
                i += Character.charCount(cpt) - 1;
            }
        }
        return out.toByteArray();
    }

    @Override
    public String decode(int[] ids, boolean renderSpecial) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
        for (int id : ids) {
            out.writeBytes(tokenToPiece(id, renderSpecial));
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    private void checkId(int id) {
        if (id < 0 || id >= pieces.length) {
            throw new TokenizerException("token id " + id + " is outside the vocabulary [0, " + pieces.length
                    + "); the id does not come from this model's tokenizer");
        }
    }

    @Override
    public int vocabularySize() {
        return vocab.size();
    }

    @Override
    public String tokenText(int id) {
        checkId(id);
        return vocab.texts[id];
    }

    @Override
    public TokenType tokenType(int id) {
        checkId(id);
        return vocab.types[id];
    }

    @Override
    public int bosId() {
        return vocab.special.bos();
    }

    @Override
    public int eosId() {
        return vocab.special.eos();
    }

    @Override
    public int eotId() {
        return vocab.special.eot();
    }

    @Override
    public int unknownId() {
        return vocab.special.unk();
    }

    @Override
    public int paddingId() {
        return vocab.special.pad();
    }

    @Override
    public boolean addsBos() {
        return vocab.addBos;
    }

    @Override
    public boolean addsEos() {
        return vocab.addEos;
    }

    @Override
    public boolean isEog(int id) {
        return vocab.eogIds.contains(id);
    }

    @Override
    public Set<Integer> eogIds() {
        return vocab.eogIds;
    }

    @Override
    public String model() {
        return vocab.model == Vocabulary.Model.BPE ? "gpt2" : "llama";
    }

    @Override
    public String preTokenizer() {
        return vocab.model == Vocabulary.Model.BPE ? vocab.pre.name().toLowerCase(java.util.Locale.ROOT) : "none";
    }
}
