package io.futurist.agent.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.futurist.ExecutorStatistics;
import io.futurist.internal.ExecutorRecord;
import java.util.List;

/** The counts the ledger's tests compare, in one assertion, so that a failure shows all six. */
final class Books {

    private Books() {
    }

    static void assertBooks(ExecutorRecord record, long submitted, long executed, long cancelled, long rejected,
                            long active, long queued) {
        ExecutorStatistics books = record.statistics();
        assertEquals(List.of(submitted, executed, cancelled, rejected, active, queued),
                List.of(books.submitted(), books.executed(), books.cancelled(), books.rejected(), books.active(),
                        books.queued()),
                "submitted, executed, cancelled, rejected, active, queued");
    }
}
