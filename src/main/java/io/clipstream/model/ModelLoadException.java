package io.clipstream.model;

/**
 * A model folder, its config or its weights cannot be used; the message names the file, the key or
 * the tensor at fault and, where it helps, what to do about it.
 */
public class ModelLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
