package io.futurist.agent.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of a command that takes a pid, flags ({@code --json}) and options with a value
 * ({@code --idle 60}), in any order. Anything else is refused with the command's usage.
 */
final class Arguments {

    private final String pid;
    private final Set<String> flags;
    private final Map<String, String> values;

    private Arguments(String pid, Set<String> flags, Map<String, String> values) {
        this.pid = pid;
        this.flags = flags;
        this.values = values;
    }

    /**
     * Reads {@code args}.
     *
     * @param flags   the flags the command knows
     * @param options the options with a value the command knows
     * @param usage   the command's usage line, for every refusal
     */
    static Arguments parse(List<String> args, Set<String> flags, Set<String> options, String usage)
            throws CliException {
        String pid = null;
        Set<String> given = new HashSet<>();
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (flags.contains(arg)) {
                given.add(arg);
            } else if (options.contains(arg)) {
                if (i + 1 == args.size()) {
                    throw new CliException(arg + " needs a value; " + usage, CliException.USAGE);
                }
                values.put(arg, args.get(++i));
            } else if (pid == null && !arg.startsWith("-")) {
                pid = arg;
            } else {
                throw new CliException("unexpected '" + arg + "'; " + usage, CliException.USAGE);
            }
        }
        if (pid == null) {
            throw new CliException(usage, CliException.USAGE);
        }
        return new Arguments(pid, given, values);
    }

    /** The pid given, not yet checked. */
    String pid() {
        return pid;
    }

    /** Whether {@code flag} was given. */
    boolean has(String flag) {
        return flags.contains(flag);
    }

    /** The value given for {@code option}, or {@code null}. */
    String value(String option) {
        return values.get(option);
    }
}
