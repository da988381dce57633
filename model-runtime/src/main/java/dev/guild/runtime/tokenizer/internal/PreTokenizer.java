package dev.guild.runtime.tokenizer.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The byte-level BPE pre-tokenizers of llama.cpp build b4916, selected by
 * {@code tokenizer.ggml.pre}: the regexes (verbatim, in llama.cpp's ECMAScript dialect) and the
 * vocabulary settings each one implies.
 */
public enum PreTokenizer {
    DEFAULT(List.of(Regexes.DEFAULT_PUNCT, Regexes.GPT2, Regexes.NUMBERS, Regexes.THREE_DIGITS), "default"),
    LLAMA3(List.of(Regexes.LLAMA3), "llama3", "llama-v3", "llama-bpe", "falcon3", "dbrx", "smaug-bpe", "chatglm-bpe"),
    DEEPSEEK_LLM(List.of(Regexes.NEWLINE, Regexes.DEEPSEEK_LATIN, Regexes.DEEPSEEK_PUNCT, Regexes.TRAILING_SPACE,
            Regexes.DEEPSEEK_CJK, Regexes.NUMBERS), "deepseek-llm"),
    DEEPSEEK_CODER(List.of(Regexes.NEWLINE, Regexes.SPACE_LETTERS, Regexes.SPACE_PUNCT, Regexes.DEEPSEEK_CJK,
            Regexes.DIGIT), "deepseek-coder"),
    DEEPSEEK3_LLM(List.of(Regexes.ONE_TO_THREE_DIGITS, Regexes.DEEPSEEK3_CJK, Regexes.DEEPSEEK3), "deepseek-v3"),
    FALCON(List.of(Regexes.FALCON_PUNCT, Regexes.GPT2, Regexes.THREE_DIGITS), "falcon"),
    STARCODER(List.of(Regexes.DIGIT, Regexes.GPT2), "starcoder", "refact", "command-r", "smollm", "codeshell",
            "exaone", "minerva-7b"),
    GPT2(List.of(Regexes.GPT2), "gpt-2", "phi-2", "jina-es", "jina-de", "gigachat", "jina-v1-en", "jina-v2-es",
            "jina-v2-de", "jina-v2-code", "roberta-bpe", "mpt", "olmo", "jais"),
    QWEN2(List.of(Regexes.QWEN2), "qwen2", "deepseek-r1-qwen", "stablelm2", "megrez"),
    PORO(List.of(Regexes.PORO), "poro-chat", "bloom", "gpt3-finnish"),
    VIKING(List.of(Regexes.PORO, Regexes.DIGIT), "viking"),
    TEKKEN(List.of(Regexes.TEKKEN), "tekken"),
    CHAMELEON(List.of(Regexes.SENTINEL, Regexes.IMAGE, Regexes.CHAMELEON_SPACES, Regexes.DIGIT,
            Regexes.CHAMELEON_PUNCT, Regexes.GPT2), "chameleon"),
    GPT4O(List.of(Regexes.GPT4O), "gpt-4o");

    private static final Map<String, PreTokenizer> BY_NAME = new LinkedHashMap<>();

    static {
        for (PreTokenizer p : values()) {
            for (String name : p.names) {
                BY_NAME.put(name, p);
            }
        }
    }

    private final List<String> regexes;
    private final List<String> names;

    PreTokenizer(List<String> regexes, String... names) {
        this.regexes = regexes;
        this.names = Arrays.asList(names);
    }

    public List<String> regexes() {
        return regexes;
    }

    /** The pre-tokenizer for a {@code tokenizer.ggml.pre} value, or null when llama.cpp b4916 has none. */
    public static PreTokenizer byName(String name) {
        return BY_NAME.get(name);
    }

    /** Every accepted {@code tokenizer.ggml.pre} value, in a stable order. */
    public static List<String> supportedNames() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** llama.cpp sets ignore_merges (whole pre-token looked up first) for these names. */
    public static boolean ignoresMerges(String name) {
        return name.equals("llama3") || name.equals("llama-v3") || name.equals("llama-bpe") || name.equals("falcon3")
                || name.equals("tekken");
    }

    /** llama.cpp turns add_bos on for these names (the GGUF key add_bos_token still overrides it). */
    public static boolean addsBos(String name) {
        return ignoresMerges(name) || name.equals("chameleon");
    }

    /** Regex sources copied byte for byte from llama.cpp b4916 (llama-vocab.cpp). */
    static final class Regexes {
        static final String GPT2 = CustomSplitters.GPT2_REGEX;
        static final String LLAMA3 = CustomSplitters.LLAMA3_REGEX;
        static final String DEEPSEEK_LATIN = "\\s?[A-Za-z\u00B5\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u01BA\u01BC-\u01BF\u01C4-\u0293\u0295-\u02AF\u0370-\u0373\u0376\u0377\u037B-\u037D\u037F\u0386\u0388-\u038A\u038C\u038E-\u03A1\u03A3-\u03F5\u03F7-\u0481\u048A-\u052F\u0531-\u0556\u10A0-\u10C5\u13A0-\u13F5\u13F8-\u13FD\u1C90-\u1CBA\u1CBD-\u1CBF\u1D00-\u1D2B\u1D6B-\u1D77\u1D79-\u1D9A\u1E00-\u1F15\u1F18-\u1F1D\u1F20-\u1F45\u1F48-\u1F4D\u1F50-\u1F57\u1F59\u1F5B\u1F5D\u1F5F-\u1F7D\u1F80-\u1FB4\u1FB6-\u1FBC\u1FBE\u1FC2-\u1FC4\u1FC6-\u1FCC\u1FD0-\u1FD3\u1FD6-\u1FDB\u1FE0-\u1FEC\u1FF2-\u1FF4\u1FF6-\u1FFC\u2102\u2107\u210A-\u2113\u2115\u2119-\u211D\u2124\u2126\u2128\u212A-\u212D\u212F-\u2134\u2139\u213C-\u213F\u2145-\u2149\u214E\u2183\u2184\u2C00-\u2C7B\u2C7E-\u2CE4\u2CEB-\u2CEE\u2CF2\u2CF3\uA640-\uA66D\uA680-\uA69B\uA722-\uA76F\uA771-\uA787\uA78B-\uA78E\uAB70-\uABBF\uFB00-\uFB06\uFB13-\uFB17\uFF21-\uFF3A\uFF41-\uFF5A\uD801\uDC00-\uD801\uDC4F\uD801\uDCB0-\uD801\uDCD3\uD801\uDCD8-\uD801\uDCFB\uD803\uDC80-\uD803\uDCB2\uD803\uDCC0-\uD803\uDCF2\uD806\uDCA0-\uD806\uDCDF\uD83A\uDD00-\uD83A\uDD43]+";
        static final String DEEPSEEK_PUNCT = "\\s?[!-/:-~\uFF01-\uFF0F\uFF1A-\uFF5E\u2018-\u201F\u3000-\u3002]+";
        static final String DEEPSEEK3 = "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+";
        static final String QWEN2 = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
        static final String PORO = " ?[^(\\s|.,!?\u2026\u3002\uFF0C\u3001\u0964\u06D4\u060C)]+";
        static final String TEKKEN = "[^\\r\\n\\p{L}\\p{N}]?((?=[\\p{L}])([^a-z]))*((?=[\\p{L}])([^A-Z]))+|[^\\r\\n\\p{L}\\p{N}]?((?=[\\p{L}])([^a-z]))+((?=[\\p{L}])([^A-Z]))*|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
        static final String IMAGE = "(IMGIMG)((A|B|C|D|E|F|G|H|I){1,4})Z";
        static final String GPT4O = "[^\\r\\n\\p{L}\\p{N}]?((?=[\\p{L}])([^a-z]))*((?=[\\p{L}])([^A-Z]))+(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])?|[^\\r\\n\\p{L}\\p{N}]?((?=[\\p{L}])([^a-z]))+((?=[\\p{L}])([^A-Z]))*(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])?|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
        static final String NEWLINE = "[\r\n]";
        static final String DEEPSEEK_CJK = "[\u4E00-\u9FA5\u0800-\u4E00\uAC00-\uD7FF]+";
        static final String NUMBERS = "\\p{N}+";
        static final String ONE_TO_THREE_DIGITS = "\\p{N}{1,3}";
        static final String DEEPSEEK3_CJK = "[\u4E00-\u9FA5\u3040-\u309F\u30A0-\u30FF]+";
        static final String SPACE_LETTERS = "\\s?\\p{L}+";
        static final String SPACE_PUNCT = "\\s?\\p{P}+";
        static final String DIGIT = "\\p{N}";
        static final String FALCON_PUNCT = "[\\p{P}\\$\\+<=>\\^~\\|`]+";
        static final String THREE_DIGITS = "[0-9][0-9][0-9]";
        static final String SENTINEL = "<sentinel:[0-9]+>";
        static final String CHAMELEON_SPACES = "([\\t\\n]|    |  )";
        static final String CHAMELEON_PUNCT = "[\\p{P}!-/:-@\\[-`{-~]";
        static final String DEFAULT_PUNCT = "[\\p{P}\\$\\+<=>\\^~\\|]+";
        static final String TRAILING_SPACE = "\\s+$";

        private Regexes() {
        }
    }
}
