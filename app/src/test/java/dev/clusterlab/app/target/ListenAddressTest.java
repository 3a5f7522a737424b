package dev.clusterlab.app.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `--listen HOST:PORT`. */
class ListenAddressTest {

    @Test
    void ipv4AndPort() {
        assertThat(ListenAddress.parse("127.0.0.1:3260")).isEqualTo(new ListenAddress("127.0.0.1", 3260));
    }

    @Test
    void ipv6InBracketsAndPort() {
        ListenAddress a = ListenAddress.parse("[::1]:13270");
        assertThat(a).isEqualTo(new ListenAddress("::1", 13270));
        assertThat(a.toString()).isEqualTo("[::1]:13270");
    }

    @Test
    void hostNameAndPortZeroForAnyFreePort() {
        assertThat(ListenAddress.parse("localhost:0")).isEqualTo(new ListenAddress("localhost", 0));
    }

    @ParameterizedTest(name = "''{0}'' is rejected")
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:", ":3260", "127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1:32x",
            "::1:3260", "[::1]3260", "[::1]", "127.0.0.1:123456"})
    void malformedAddressesAreRejected(String text) {
        assertThatThrownBy(() -> ListenAddress.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
