package dev.guild.bench.kernel;

import dev.guild.runtime.kernel.WeightMatrix;
import dev.guild.runtime.tensor.GgmlType;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.foreign.Arena;

/** The stacked experts of one benchmark trial, handed out round-robin so weights come from memory. */
abstract class ExpertState {
    private Arena arena;
    private WeightMatrix[] experts;
    private int next;

    void loadExperts(GgmlType type, String shape) {
        arena = Arena.ofShared();
        experts = ExpertShapes.experts(type, shape, arena);
    }

    Arena arena() {
        return arena;
    }

    WeightMatrix nextExpert() {
        WeightMatrix w = experts[next];
        next = (next + 1) % ExpertShapes.EXPERTS;
        return w;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }
}
