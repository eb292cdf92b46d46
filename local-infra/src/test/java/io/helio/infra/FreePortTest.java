package io.helio.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A stack takes its services' ports before PostgreSQL, started next, takes its own: a port handed out
 * twice made the platform's edge listener and PostgreSQL meet on one port, and the platform failed to
 * start.
 */
class FreePortTest {

    @Test
    void noPortIsHandedOutTwice() {
        // drawn at random from 12,768 ports, 2,000 would meet about 150 times
        Set<Integer> ports = new HashSet<>();
        IntStream.range(0, 2_000)
                .forEach(i -> assertThat(ports.add(FreePort.next()))
                        .as("port handed out again")
                        .isTrue());
    }
}
