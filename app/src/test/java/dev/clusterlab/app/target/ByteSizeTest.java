package dev.clusterlab.app.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** `--lun SIZE`: whole numbers with K/M/G/T suffixes in binary units, as the issue specifies. */
class ByteSizeTest {

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
            "512, 512",
            "4096, 4096",
            "64K, 65536",
            "64k, 65536",
            "64M, 67108864",
            "1G, 1073741824",
            "1g, 1073741824",
            "3G, 3221225472",
            "1T, 1099511627776",
            "' 2M ', 2097152",
    })
    void suffixesAreBinaryUnits(String text, long bytes) {
        assertThat(ByteSize.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "''{0}'' is rejected")
    @ValueSource(strings = {"", "G", "0", "0G", "-1G", "1.5G", "1X", "1 G", "1GB", "1GiB", "0x10", "9223372036854775808",
            "8388608T"})
    void malformedZeroNegativeOrOverflowingSizesAreRejected(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} bytes print as {1}")
    @CsvSource({"1073741824, 1 GiB", "67108864, 64 MiB", "1572864, 1536 KiB", "1000, 1000 bytes", "1099511627776, 1 TiB"})
    void formatUsesTheLargestExactUnit(long bytes, String text) {
        assertThat(ByteSize.format(bytes)).isEqualTo(text);
    }
}
