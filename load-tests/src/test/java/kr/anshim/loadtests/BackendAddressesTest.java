package kr.anshim.loadtests;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackendAddressesTest {

    @Test
    void each_connection_goes_to_the_next_backend_in_turn_starting_with_the_first() {
        BackendAddresses backends = new BackendAddresses("127.0.0.1", 7000, " 127.0.0.1:7001, localhost:7002,");

        List<Integer> ports = IntStream.range(0, 5).mapToObj(i -> backends.next()).map(InetSocketAddress::getPort).toList();

        assertThat(ports).containsExactly(7000, 7001, 7002, 7000, 7001);
    }

    @Test
    void one_backend_alone_is_always_the_one() {
        BackendAddresses backends = new BackendAddresses("127.0.0.1", 7000, "");

        assertThat(List.of(backends.next(), backends.next())).extracting(InetSocketAddress::getPort).containsExactly(7000, 7000);
    }

    @Test
    void only_loopback_and_host_port_pairs_are_accepted() {
        assertThatThrownBy(() -> new BackendAddresses("127.0.0.1", 7000, "10.0.0.5:7001"))
                .hasMessageContaining("loopback only");
        assertThatThrownBy(() -> new BackendAddresses("127.0.0.1", 7000, "7001"))
                .hasMessageContaining("expected host:port");
    }
}
