package io.futurist.agent.cli;

/** A failure the command line reports as one line on stderr, with its exit status. */
final class CliException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Bad arguments. */
    static final int USAGE = 2;
    /** The target JVM could not be reached or did not do what was asked. */
    static final int FAILED = 1;

    private final int status;

    CliException(String message, int status) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
