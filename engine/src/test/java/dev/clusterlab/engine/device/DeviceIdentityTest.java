package dev.clusterlab.engine.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DeviceIdentityTest {
    private static byte[] page(String hex) { return HexFormat.of().parseHex(hex.replace(" ", "")); }

    /** LIO-like page: T10 vendor ID, then NAA (association 0), then a relative target port (association 1). */
    private static final String LIO = "0083 0034"
            + "0201 0008 4c494f2d4f524720"                          // T10 vendor "LIO-ORG "
            + "0103 0010 6001405abcdef0123456789abcdef012"            // NAA 6, 16 bytes
            + "0114 0004 00000001"                                    // relative target port 1
            + "0115 0004 00000000";                                   // target port group 0

    @Test
    void naaOfTheLogicalUnitIsPreferred() {
        DeviceIdentity id = DeviceIdentity.parseVpd83(page(LIO));
        assertThat(id.name()).isEqualTo("naa.6001405abcdef0123456789abcdef012");
        assertThat(id.designators()).hasSize(4);
        assertThat(id.designators().get(2).text()).isEqualTo("rtpi.1");
    }

    @Test
    void eui64IsUsedWhenThereIsNoNaa() {
        assertThat(DeviceIdentity.parseVpd83(page("0083 000c 0102 0008 0011223344556677")).name()).isEqualTo("eui.0011223344556677");
    }

    @Test
    void targetPortDesignatorsDoNotNameTheLu() {
        assertThatThrownBy(() -> DeviceIdentity.parseVpd83(page("0083 0014 0113 0010 6001405abcdef0123456789abcdef012")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("logical-unit designator");
    }

    @Test
    void aTruncatedDescriptorEndsTheParseWithoutFailingEarlierOnes() {
        assertThat(DeviceIdentity.parseVpd83(page("0083 0020 0102 0008 0011223344556677 0103 0010 6001")).name())
                .isEqualTo("eui.0011223344556677");
    }

    @Test
    void otherPagesAreRefused() {
        assertThatThrownBy(() -> DeviceIdentity.parseVpd83(page("0080 0004 41424344"))).hasMessageContaining("not VPD page 83h");
        assertThatThrownBy(() -> DeviceIdentity.parseVpd83(new byte[2])).hasMessageContaining("shorter");
    }

    @Test
    void matchingIgnoresCaseAndAHexPrefix() {
        DeviceIdentity id = DeviceIdentity.parseVpd83(page(LIO));
        assertThat(id.matches("NAA.0x6001405ABCDEF0123456789ABCDEF012")).isTrue();
        assertThat(id.matches("naa.6001405abcdef0123456789abcdef013")).isFalse();
    }

    @Test
    void twoReadsOfTheSamePageAreEqual() {
        assertThat(DeviceIdentity.parseVpd83(page(LIO))).isEqualTo(DeviceIdentity.parseVpd83(page(LIO)))
                .hasSameHashCodeAs(DeviceIdentity.parseVpd83(page(LIO)));
    }
}
