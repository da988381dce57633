package dev.guild.workflows;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run waiting in a {@code listen} task: an event matches when, for one of {@code filters}, every attribute named
 * there has exactly that value (correlation by attributes). The platform signals matching events to the run
 * ({@link RunWorkflow#event}) with {@code listenId}.
 *
 * @param runId    the waiting run (its workflow id)
 * @param listenId the waiting listen task (unique within the run)
 * @param filters  attribute name to expected value, one map per filter
 */
public record EventSubscription(@JsonProperty("runId") String runId,
                                @JsonProperty("listenId") String listenId,
                                @JsonProperty("filters") List<Map<String, String>> filters) {
    @JsonCreator
    public EventSubscription {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(listenId, "listenId");
        filters = filters == null ? List.of() : filters.stream().map(Map::copyOf).toList();
    }

    /** True when {@code event} meets at least one filter. */
    public boolean matches(CloudEventMessage event) {
        Map<String, String> attributes = event.attributes();
        for (Map<String, String> filter : filters) {
            if (filter.entrySet().stream().allMatch(e -> e.getValue().equals(attributes.get(e.getKey())))) {
                return true;
            }
        }
        return false;
    }

    /** The filters {@code event} meets, by index. */
    public List<Integer> matchingFilters(CloudEventMessage event) {
        Map<String, String> attributes = event.attributes();
        return java.util.stream.IntStream.range(0, filters.size())
                .filter(i -> filters.get(i).entrySet().stream().allMatch(e -> e.getValue().equals(attributes.get(e.getKey()))))
                .boxed().toList();
    }
}
