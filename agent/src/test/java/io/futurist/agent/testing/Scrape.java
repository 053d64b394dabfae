package io.futurist.agent.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP exchange with a {@code /metrics} endpoint, and the samples of its body: what a test
 * reads of the agent's Prometheus exposition.
 */
public final class Scrape {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** A sample line: name, optional labels, value. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)$");

    private final int status;
    private final String contentType;
    private final String body;
    private final Map<String, String> samples = new LinkedHashMap<>();

    private Scrape(int status, String contentType, String body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        for (String line : body.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.matches()) {
                samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)), sample.group(3));
            }
        }
    }

    /** {@code method url} with the given request headers (name, value, name, value, ...). */
    public static Scrape of(String method, String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Scrape(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot " + method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code GET url}. */
    public static Scrape get(String url) {
        return of("GET", url);
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    public String body() {
        return body;
    }

    /**
     * The value of the sample {@code name{labels}}, labels written as the exposition writes
     * them; fails if there is none.
     */
    public String value(String name, String labels) {
        String key = name + "{" + labels + "}";
        String value = samples.get(key);
        if (value == null) {
            throw new AssertionError("no sample " + key + " in\n" + body);
        }
        return value;
    }

    /** Whether there is a sample {@code name{labels}}. */
    public boolean has(String name, String labels) {
        return samples.containsKey(name + "{" + labels + "}");
    }

    /** The sample names of the body, in order, with their labels. */
    public List<String> sampleKeys() {
        return List.copyOf(samples.keySet());
    }

    /**
     * The agent's line {@code futurist: prometheus endpoint at URL} in {@code stderr}, waiting
     * for it (the line is written before the application's {@code main} starts, or while an
     * attach is under way, and stderr is read by another thread).
     *
     * @param stderr what the child wrote to stderr so far, asked again on each look
     */
    public static String endpointOf(java.util.function.Supplier<String> stderr, Duration limit) {
        Pattern line = Pattern.compile("futurist: prometheus endpoint at (http://\\S+/metrics)");
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Matcher found = line.matcher(stderr.get());
            if (found.find()) {
                return found.group(1);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no endpoint line on stderr within " + limit + ":\n" + stderr.get());
            }
            try {
                Thread.sleep(10); // polling another thread's buffer for a line, bounded by the limit
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
