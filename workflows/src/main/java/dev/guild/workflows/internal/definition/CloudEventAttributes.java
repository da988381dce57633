package dev.guild.workflows.internal.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guild.workflows.internal.expr.Jq;

import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/** Attribute names and values of CloudEvents in {@code emit} and {@code listen} (CloudEvents 1.0 naming rules). */
public final class CloudEventAttributes {

    /** CloudEvents 1.0: attribute names are lower-case ASCII letters and digits, at most 20 characters. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9]{1,20}");

    static void check(JsonNode with, String path, DefinitionReader.Problems problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it = with.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals("data")) {
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                problems.add(path + "/" + name, "'" + name + "' is not a CloudEvents attribute name: use 1 to 20"
                        + " lower-case letters or digits (e.g. orderid)");
            } else if (!value.isValueNode() && !Jq.isExpression(value)) {
                problems.add(path + "/" + name, "attribute '" + name + "' must be a string, number or boolean (or an"
                        + " expression); got " + value.getNodeType());
            }
        }
    }

    private CloudEventAttributes() {
    }
}
