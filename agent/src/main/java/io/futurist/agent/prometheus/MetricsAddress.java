package io.futurist.agent.prometheus;

/**
 * Where the agent serves {@code /metrics}: the value of the agent option
 * {@code prometheus=[HOST:]PORT}. HOST is {@value #LOOPBACK} unless the user names another
 * (an IPv6 address in brackets, {@code [::1]:9404}); PORT is 0 to 65535, 0 meaning any free
 * port (the agent says which on stderr).
 */
public final class MetricsAddress {

    /** The host the endpoint binds unless told otherwise: only this machine can scrape it. */
    public static final String LOOPBACK = "127.0.0.1";

    private final String host;
    private final int port;

    private MetricsAddress(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * Parses {@code [HOST:]PORT}.
     *
     * @throws IllegalArgumentException with a message fit for one line on stderr
     */
    public static MetricsAddress parse(String value) {
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? LOOPBACK : value.substring(0, colon).trim();
        String port = value.substring(colon + 1).trim();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("invalid value for prometheus: '" + value
                    + "' (expected [HOST:]PORT with PORT from 0 to 65535, e.g. 9404 or 127.0.0.1:9404)");
        }
        return new MetricsAddress(host, Integer.parseInt(port));
    }

    /** The host name or address to bind. */
    public String host() {
        return host;
    }

    /** The port to bind; 0 for any free one. */
    public int port() {
        return port;
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
