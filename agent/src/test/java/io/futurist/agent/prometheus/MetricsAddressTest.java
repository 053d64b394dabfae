package io.futurist.agent.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code prometheus=[HOST:]PORT}: loopback unless a host is named; ports 0 to 65535. */
class MetricsAddressTest {

    @ParameterizedTest
    @CsvSource({"9404, 127.0.0.1, 9404", "0, 127.0.0.1, 0", "0.0.0.0:9404, 0.0.0.0, 9404",
            "localhost:65535, localhost, 65535", "[::1]:9404, ::1, 9404", "127.0.0.1:0, 127.0.0.1, 0"})
    void parses(String value, String host, int port) {
        MetricsAddress address = MetricsAddress.parse(value);
        assertEquals(host, address.host());
        assertEquals(port, address.port());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "65536", "-1", "localhost:", ":9404x", "host:abc", "999999", "1.5"})
    void refusesWithOneLine(String value) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> MetricsAddress.parse(value));
        assertTrue(refused.getMessage().startsWith("invalid value for prometheus: '" + value + "'"), refused.getMessage());
        assertTrue(!refused.getMessage().contains("\n"));
    }

    @ParameterizedTest
    @CsvSource({"9404, 127.0.0.1:9404", "[::1]:80, [::1]:80"})
    void saysWhereItIs(String value, String said) {
        assertEquals(said, MetricsAddress.parse(value).toString());
    }
}
