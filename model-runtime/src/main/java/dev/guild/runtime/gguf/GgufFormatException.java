package dev.guild.runtime.gguf;

/**
 * A GGUF file (or the metadata read from one) is malformed, truncated, or lacks something the
 * caller needs. The message starts with the file name and says what was found, where, and what was
 * expected. Retrying does not help: the file has to be fixed or replaced.
 */
public class GgufFormatException extends RuntimeException {
    private final String file;

    /**
     * @param file the file's name or path as the user gave it
     * @param detail what is wrong, with the bad value and, where possible, how to fix it
     */
    public GgufFormatException(String file, String detail) {
        super(file + ": " + detail);
        this.file = file;
    }

    public GgufFormatException(String file, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
        this.file = file;
    }

    /** The file the problem is in. */
    public String file() {
        return file;
    }
}
