package dev.guild.workflows.internal.definition;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;

/** Maps each path of a YAML document ({@code /do/0/greet/call}) to the 1-based line it starts on. */
final class YamlLines {

    private final Map<String, Integer> lines = new HashMap<>();

    YamlLines(String text) {
        try {
            Node root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
            if (root != null) {
                walk(root, "");
            }
        } catch (RuntimeException e) {
            // the caller reports the syntax error from its own parse; lines stay unknown
        }
    }

    /** The line of {@code path}, or of its nearest ancestor that exists; 0 when unknown. */
    int lineOf(String path) {
        String p = path;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int slash = p.lastIndexOf('/');
            if (slash < 0 || p.isEmpty()) {
                return 0;
            }
            p = p.substring(0, slash);
        }
    }

    private void walk(Node node, String path) {
        lines.putIfAbsent(path, node.getStartMark().getLine() + 1);
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    String child = path + "/" + key.getValue();
                    lines.put(child, key.getStartMark().getLine() + 1);
                    walkValue(tuple.getValueNode(), child);
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            int i = 0;
            for (Node item : sequence.getValue()) {
                walk(item, path + "/" + i++);
            }
        }
    }

    private void walkValue(Node value, String path) {
        if (value instanceof MappingNode || value instanceof SequenceNode) {
            int keyLine = lines.get(path);
            walk(value, path);
            lines.put(path, keyLine);
        }
    }
}
