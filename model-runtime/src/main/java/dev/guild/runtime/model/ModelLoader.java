package dev.guild.runtime.model;

import dev.guild.runtime.model.deepseek2.Deepseek2Family;
import dev.guild.runtime.kernel.KernelConfig;
import dev.guild.runtime.kernel.Kernels;
import dev.guild.runtime.tensor.GgmlType;
import java.util.EnumSet;
import java.util.Set;
import dev.guild.runtime.model.internal.ArchitectureFamily;
import dev.guild.runtime.model.internal.Compute;
import dev.guild.runtime.model.internal.MetadataReader;
import dev.guild.runtime.model.internal.Weights;
import dev.guild.runtime.model.llama.LlamaFamily;
import dev.guild.runtime.model.olmoe.OlmoeFamily;
import dev.guild.runtime.model.qwen.QwenFamily;
import dev.guild.runtime.gguf.GgufFile;
import dev.guild.runtime.gguf.GgufTensor;
import java.io.IOException;
import java.nio.file.Path;
import dev.guild.runtime.tokenizer.Tokenizer;
import dev.guild.runtime.tokenizer.TokenizerException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Builds a {@link Model} from GGUF-style metadata and tensors, dispatching on {@code general.architecture}. */
public final class ModelLoader {

    private static final List<ArchitectureFamily> FAMILIES =
            List.of(new LlamaFamily(), new QwenFamily(), new OlmoeFamily(), new Deepseek2Family());

    private ModelLoader() {
    }

    /** Every {@code general.architecture} value this engine runs. */
    public static List<String> supportedArchitectures() {
        return FAMILIES.stream().flatMap(f -> f.architectures().stream()).sorted().toList();
    }

    /**
     * Maps the GGUF file at {@code path} and builds its model; weights stay in the mapping (never
     * copied onto the heap) until the model is closed.
     */
    public static Model open(Path path) throws IOException {
        return open(path, KernelConfig.defaults());
    }

    /** Like {@link #open(Path)} with the given kernels (implementation, threads, activation path). */
    public static Model open(Path path, KernelConfig kernels) throws IOException {
        GgufFile file = GgufFile.open(path);
        try {
            Model model = load(source(file), kernels);
            if (kernels.warmUpMillis() > 0) {
                Set<GgmlType> types = EnumSet.noneOf(GgmlType.class);
                file.tensors().forEach(t -> types.add(t.type()));
                Kernels.warmUp(kernels, types, kernels.warmUpMillis());
            }
            return new FileModel(model, file);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** The metadata and tensors of an open GGUF file as a {@link WeightSource}. */
    public static WeightSource source(GgufFile file) {
        return WeightSource.of(file.metadata().asMap(), name -> file.tensor(name).map(ModelLoader::tensorData));
    }

    private static TensorData tensorData(GgufTensor t) {
        return new TensorData(t.name(), t.type(), t.dims(), t.data());
    }

    /** A model that unmaps its file when closed. */
    private record FileModel(Model model, GgufFile file) implements Model {
        @Override
        public ModelConfig config() {
            return model.config();
        }

        @Override
        public Optional<Tokenizer> tokenizer() {
            return model.tokenizer();
        }

        @Override
        public KvCache newCache(int capacity) {
            return model.newCache(capacity);
        }

        @Override
        public KvShape kvShape() {
            return model.kvShape();
        }

        @Override
        public List<float[][]> forward(Batch batch) {
            return model.forward(batch);
        }

        @Override
        public void close() {
            model.close();
            file.close();
        }
    }

    /** Builds the model of {@code source} on the default kernels (Vector API, all processors). */
    public static Model load(WeightSource source) {
        return load(source, KernelConfig.defaults());
    }

    public static Model load(WeightSource source, KernelConfig kernels) {
        Object archValue = source.metadata().get("general.architecture");
        if (!(archValue instanceof String arch)) {
            throw new ModelLoadException("metadata key 'general.architecture' is missing or not a string (" + archValue
                    + "); supported architectures: " + String.join(", ", supportedArchitectures()));
        }
        ArchitectureFamily family = FAMILIES.stream().filter(f -> f.architectures().contains(arch)).findFirst()
                .orElseThrow(() -> new ModelLoadException("architecture '%s' is not supported; supported: %s"
                        .formatted(arch, FAMILIES.stream().flatMap(f -> f.architectures().stream()).sorted()
                                .collect(Collectors.joining(", ")))));
        Weights weights = new Weights(source, arch, Compute.of(kernels));
        TensorData embd = weights.require("token_embd.weight");
        if (embd.dims().length != 2) {
            throw new ModelLoadException("tensor 'token_embd.weight' must be 2-D {embedding, vocab}, got " + embd);
        }
        Tokenizer tokenizer = null;
        if (source.metadata().containsKey("tokenizer.ggml.model")) {
            try {
                tokenizer = Tokenizer.fromGgufMetadata(source.metadata());
            } catch (TokenizerException e) {
                throw new ModelLoadException("the tokenizer of this '" + arch + "' model cannot be built: " + e.getMessage());
            }
        }
        return family.load(new MetadataReader(source.metadata(), arch), weights, Math.toIntExact(embd.dim(1)),
                tokenizer);
    }
}
