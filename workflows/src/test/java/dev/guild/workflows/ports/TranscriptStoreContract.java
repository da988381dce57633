package dev.guild.workflows.ports;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link TranscriptStore} contract. An implementation's test extends this class and provides a fresh store;
 * the server's PostgreSQL store runs it too (this module's test jar).
 */
public abstract class TranscriptStoreContract {

    protected abstract TranscriptStore store();

    private static TranscriptEntry entry(int position, String key, String text) {
        return new TranscriptEntry(position, key, "{\"type\":\"USER\",\"contents\":[{\"type\":\"TEXT\",\"text\":\""
                + text + "\"}]}", "{\"n\":" + position + "}");
    }

    @Test
    void stores_and_loads_messages_in_position_order() {
        TranscriptStore store = store();
        store.write("run-1", "t", List.of(entry(0, "wf/1", "a"), entry(1, "wf/1", "b")));
        store.write("run-1", "t", List.of(entry(2, "wf/2", "c")));

        List<TranscriptEntry> all = store.load("run-1", "t", 0, 10);
        assertThat(all).extracting(TranscriptEntry::position).containsExactly(0, 1, 2);
        assertThat(all).extracting(TranscriptEntry::writeKey).containsExactly("wf/1", "wf/1", "wf/2");
        assertThat(all.get(2).message()).contains("\"c\"");
        assertThat(all.get(2).metadata()).isEqualTo("{\"n\":2}");
        assertThat(store.load("run-1", "t", 1, 2)).extracting(TranscriptEntry::position).containsExactly(1);
    }

    @Test
    void a_repeated_write_with_the_same_key_changes_nothing() {
        TranscriptStore store = store();
        store.write("run-2", "t", List.of(entry(0, "wf/1", "a"), entry(1, "wf/1", "b")));
        store.write("run-2", "t", List.of(entry(0, "wf/1", "a"), entry(1, "wf/1", "b")));
        store.write("run-2", "t", List.of(entry(1, "wf/1", "b"), entry(2, "wf/1", "c")));

        assertThat(store.load("run-2", "t", 0, 10)).extracting(TranscriptEntry::position).containsExactly(0, 1, 2);
    }

    @Test
    void a_position_taken_under_another_key_is_a_conflict() {
        TranscriptStore store = store();
        store.write("run-3", "t", List.of(entry(0, "wf/1", "a")));

        assertThatThrownBy(() -> store.write("run-3", "t", List.of(entry(0, "wf/9", "x"))))
                .isInstanceOf(TranscriptConflictException.class)
                .hasMessageContaining("wf/1");
        assertThat(store.load("run-3", "t", 0, 10)).hasSize(1);
    }

    @Test
    void a_write_with_a_conflict_stores_none_of_its_entries() {
        TranscriptStore store = store();
        store.write("run-8", "t", List.of(entry(0, "wf/1", "a"), entry(1, "wf/1", "b")));

        assertThatThrownBy(() -> store.write("run-8", "t", List.of(entry(1, "wf/2", "x"), entry(2, "wf/2", "y"))))
                .isInstanceOf(TranscriptConflictException.class);
        assertThat(store.load("run-8", "t", 0, 10)).extracting(TranscriptEntry::writeKey).containsExactly("wf/1", "wf/1");
    }

    @Test
    void transcripts_of_different_runs_and_ids_are_separate() {
        TranscriptStore store = store();
        store.write("run-4", "a", List.of(entry(0, "k", "a")));
        store.write("run-4", "b", List.of(entry(0, "k2", "b")));
        store.write("run-5", "a", List.of(entry(0, "k3", "c")));

        assertThat(store.load("run-4", "a", 0, 10)).singleElement().extracting(TranscriptEntry::writeKey).isEqualTo("k");
        assertThat(store.load("run-4", "b", 0, 10)).singleElement().extracting(TranscriptEntry::writeKey).isEqualTo("k2");
        assertThat(store.load("run-5", "a", 0, 10)).singleElement().extracting(TranscriptEntry::writeKey).isEqualTo("k3");
        assertThat(store.load("run-6", "a", 0, 10)).isEmpty();
    }

    @Test
    void a_write_that_would_leave_a_gap_is_refused_and_stores_nothing() {
        TranscriptStore store = store();
        store.write("run-7", "t", List.of(entry(0, "k", "a")));

        assertThatThrownBy(() -> store.write("run-7", "t", List.of(entry(2, "k", "c"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.load("run-7", "t", 0, 10)).hasSize(1);
    }
}
