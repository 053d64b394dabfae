package example.scenarios;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The child's side of {@code RunningChild}'s protocol: says it is ready, then answers one
 * request per stdin line ({@code id command args...}) and ends each answer with {@code #done id};
 * a request that fails ends the JVM with exit status 3 after a {@code #failed} line.
 */
final class Conversation {

    /** What a scenario does for one request; {@code words[0]} is its id, {@code words[1]} the command. */
    interface Answers {
        void answer(String[] words) throws Exception;
    }

    private Conversation() {
    }

    /** Announces the child as ready, then answers requests until stdin closes. */
    static void run(Answers answers) throws IOException {
        Report.print("ready", "start", "pid=" + ProcessHandle.current().pid());
        Report.env();
        done("start");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.trim().split(" +");
            try {
                Report.env();
                answers.answer(words);
            } catch (Throwable failure) {
                failure.printStackTrace();
                Report.print("failed", words[0], "error=" + failure.toString().replaceAll("\\s+", " "));
                System.out.flush();
                System.exit(3);
            }
            done(words[0]);
        }
    }

    private static void done(String id) {
        System.out.println("#done\t" + id);
        System.out.flush();
    }
}
