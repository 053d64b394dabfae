package io.futurist.demo;

/** A line of the order feed that cannot be parsed; it makes its whole batch unusable. */
final class MalformedOrderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message where the line is and what is wrong with it
     * @param cause   the lower-level parse error, if any
     */
    MalformedOrderException(String message, Throwable cause) {
        super(message, cause);
    }
}
