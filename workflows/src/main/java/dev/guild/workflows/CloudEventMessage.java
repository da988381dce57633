package dev.guild.workflows;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A CloudEvent (1.0) as workflows emit it ({@code emit}) and receive it ({@code listen}); the platform maps it to
 * Kafka in binary mode. A wire type (Temporal payloads and signals).
 *
 * @param data       the event data as JSON text, or null
 * @param extensions extension attributes (lower-case names), e.g. {@code orderid}
 */
public record CloudEventMessage(@JsonProperty("id") String id,
                                @JsonProperty("source") String source,
                                @JsonProperty("type") String type,
                                @JsonProperty("subject") String subject,
                                @JsonProperty("time") String time,
                                @JsonProperty("datacontenttype") String dataContentType,
                                @JsonProperty("data") String data,
                                @JsonProperty("extensions") Map<String, String> extensions) {

    private static final ObjectMapper JSON = new ObjectMapper();

    @JsonCreator
    public CloudEventMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    /** Every context attribute by its CloudEvents name (id, source, type, subject, time, datacontenttype, extensions). */
    public Map<String, String> attributes() {
        Map<String, String> all = new TreeMap<>(extensions);
        all.put("id", id);
        all.put("source", source);
        all.put("type", type);
        if (subject != null) {
            all.put("subject", subject);
        }
        if (time != null) {
            all.put("time", time);
        }
        if (dataContentType != null) {
            all.put("datacontenttype", dataContentType);
        }
        return all;
    }

    /** The event as a JSON object: its attributes plus {@code data} (parsed when it is JSON). */
    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        attributes().forEach(out::put);
        if (data != null) {
            JsonNode parsed;
            try {
                parsed = JSON.readTree(data);
            } catch (Exception e) {
                parsed = JsonNodeFactory.instance.textNode(data);
            }
            out.set("data", parsed);
        }
        return out;
    }
}
