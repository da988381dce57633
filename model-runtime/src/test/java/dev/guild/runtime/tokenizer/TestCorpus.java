package dev.guild.runtime.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Texts the tokenizer tests train vocabularies on and compare encodings over. */
final class TestCorpus {
    private TestCorpus() {
    }

    /** Training text: the vocabularies the tests build learn their merges and pieces from this. */
    static final String TRAINING = String.join("\n",
            "Die Bären in München überqueren die Straße. Größe, Übermut und Ärger: schön!",
            "Grüße aus Köln – das Frühstück war köstlich, aber die Brötchen waren zu süß.",
            "我们今天去北京。中文分词很有意思，机器学习和人工智能正在改变世界。",
            "Emoji: 😀 😃 🎉 👍🏽 👨‍👩‍👧 🇩🇪 and ❤️ are fun.",
            "public static int add(int a, int b) {\n    return a + b; // sum\n}",
            "def fib(n):\n\tif n < 2:\n\t\treturn n\n\treturn fib(n - 1) + fib(n - 2)",
            "The year 2025 had 365 days; pi is 3.14159 and a million is 1,000,000.",
            "I'm sure they'll say it's fine, but we've seen what you'd do. DON'T SHOUT, WE'RE HERE.",
            "the the the quick brown fox jumps over the lazy dog again and again",
            "Привет, мир! こんにちは世界 안녕하세요 مرحبا بالعالم",
            "    indented code\n        deeper\n\n\n\t\ttabs 12345678 99 2024-01-01 \r\n",
            "numbers 100 200 300 1000 2000 10000 and spaces      between       words");

    /** Texts the encodings are compared on: the training text plus unseen and hostile inputs. */
    static final List<String> TEXTS = List.of(
            TRAINING,
            "Hello world",
            " leading space and trailing space ",
            "Straßenbahnhaltestelle Ölförderung Äpfel Übung ÄÖÜäöüß",
            "人工智能的未来：深度学习与自然语言处理",
            "🤖🚀✨ emoji only 😀😀😀 👩🏿‍💻 🏳️‍🌈",
            "for (int i = 0; i < 10; i++) {\n        System.out.println(\"i=\" + i);\n    }\n",
            "spaces:" + " ".repeat(40) + "end\n\n\n\ttabs\t\t\there\r\nwindows\r\n",
            " ".repeat(17),
            "\n\n\n",
            "numbers 1 12 123 1234 12345 123456 0.5 -42 1e10 ٣٤٥ ①②",
            "<|im_start|>user\nWie geht's?<|im_end|>\n<|im_start|>assistant\n",
            "text<|endoftext|>more text <tool_call>{\"name\":\"x\"}</tool_call>",
            "<|im_end|><|im_end|><|im_start|>",
            "fill   <mask>  in \t<mask>\nthe blanks<mask>",
            "'s 't 're 've 'm 'll 'd 'S 'LL it's It'S",
            "ideographic\u3000space and\u00a0nbsp and\u2009thin and\u200bzero-width",
            "combining e\u0301 a\u0308 and control \u0001\u001f chars",
            "mixed中文English混合123数字",
            "  indented\n    more\n\t\tmixed \n \n",
            "!!! ??? ... ,,, ::: --- === >>> <<< ~~~ ``` $$$ %%% ^^^",
            "a",
            "");

    /** Pieces the seeded random texts are assembled from: every character class the splitters care about. */
    private static final List<String> FRAGMENTS = List.of(
            "a", "Z", "ß", "ö", "Ä", "é", "e\u0301", "the", " the", "Über", "don't", "'s", "'LL", "'", "'re",
            "0", "7", "42", "2025", "1234567", "٣", "①", "½",
            " ", "  ", "    ", "\t", "\n", "\r\n", "\n\n", " \n", "\u00a0", "\u3000", "\u2028", "\u0085", "\u000b",
            ".", ",", "!", "?", "...", "-", "_", "(", ")", "{", "}", "[", "]", "<", ">", "=", "+", "$", "€", "^", "`",
            "|", "~", "\\", "/", "\"", "“", "”", "«", "©", "™", "∑",
            "中", "文", "北京", "の", "カタ", "한국", "Привет", "مرحبا", "ไทย",
            "😀", "👍🏽", "👨‍👩‍👧", "🇩🇪", "❤️", "\u200b", "\u200d", "\ufeff", "\ufffd", "\u0378", "\ue000",
            "<|im_start|>", "<|im_end|>", "<|endoftext|>", "<tool_call>", "<mask>", "<s>", "</s>", "<unk>", "<|im_", "|>", " wunderbar", "wunderbar");

    /** Seeded random texts of up to {@code maxFragments} fragments each. */
    static List<String> random(long seed, int count, int maxFragments) {
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(maxFragments);
            for (int k = 0; k < n; k++) {
                sb.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
            }
            texts.add(sb.toString());
        }
        return texts;
    }
}
