// Greedy continuations of one model written by GoldenCases.main, computed by the llama.cpp that
// node-llama-cpp bundles (a build newer than b4916), as one JSON line. Run outside the repository:
//   npm i -E node-llama-cpp@3.21.1
//   for c in $(names from cases.json); do node make-golden.mjs <dir> $c; done   (see README.md)
import {getLlama, TokenBias} from "node-llama-cpp";
import fs from "node:fs";
import path from "node:path";

const [dir, name] = process.argv.slice(2);
const spec = JSON.parse(fs.readFileSync(path.join(dir, "cases.json"), "utf8"));
const llama = await getLlama({gpu: false});
const model = await llama.loadModel({modelPath: path.join(dir, name + ".gguf")});
// f32 KV cache and no flash attention: the plain computation, as Guild does it
const context = await model.createContext({contextSize: 256, batchSize: 256, threads: 2, flashAttention: false,
    experimentalKvCacheKeyType: "F32", experimentalKvCacheValueType: "F32"});
const sequence = context.getSequence();
const runs = [];
for (const prompt of spec.prompts) {
    for (const penalty of (process.argv[4] === "greedy-only" ? [1] : [1, spec.penalty])) {
        await sequence.clearHistory();
        const bias = new TokenBias(model.tokenizer);
        for (const t of spec.suppress) bias.set(t, "never");
        const history = [...prompt];
        const tokens = [];
        for await (const t of sequence.evaluate(prompt, {
            temperature: 0, tokenBias: bias,
            repeatPenalty: penalty === 1 ? undefined
                : {punishTokens: () => history.slice(-spec.tokens), penalty, maxPunishTokens: spec.tokens}
        })) {
            tokens.push(t);
            history.push(t);
            if (tokens.length === spec.tokens) break;
        }
        runs.push({prompt, penalty, tokens});
    }
}
console.log(JSON.stringify({name, llamaCpp: llama.llamaCppRelease, runs}));
process.exit(0);
