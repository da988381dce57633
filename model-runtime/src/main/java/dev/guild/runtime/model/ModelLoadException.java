package dev.guild.runtime.model;

/** A model cannot be built from its metadata and tensors; the message says what and how to fix it. */
public class ModelLoadException extends RuntimeException {

    public ModelLoadException(String message) {
        super(message);
    }
}
