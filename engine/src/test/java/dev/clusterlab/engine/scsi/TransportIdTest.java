package dev.clusterlab.engine.scsi;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class TransportIdTest {

    @Test
    void iscsiPortTransportIdUsesFormat01AndPadsToMultipleOfFour() {
        byte[] b = TransportId.Iscsi.port("iqn.2026-11.dev.clusterlab:node-a", 0x23d000000001L).encode();
        assertThat(b[0] & 0xFF).isEqualTo(0x45);
        assertThat(Bytes.u16(b, 2) % 4).isZero();
        assertThat(new String(b, 4, 50, java.nio.charset.StandardCharsets.US_ASCII))
                .startsWith("iqn.2026-11.dev.clusterlab:node-a,i,0x23d000000001");
    }

    @Test
    void iscsiNamesCompareCaseInsensitively() {
        assertThat(TransportId.Iscsi.port("IQN.2026-11.X:A", 1)).isEqualTo(TransportId.Iscsi.port("iqn.2026-11.x:a", 1));
    }

    @Property
    void iscsiTransportIdRoundTrips(@ForAll @AlphaChars @StringLength(min = 1, max = 200) String suffix,
                                    @ForAll @LongRange(min = 0, max = 0xFFFF_FFFF_FFFFL) long isid) {
        TransportId id = TransportId.Iscsi.port("iqn.2026-11.test:" + suffix, isid);
        byte[] b = id.encode();
        assertThat(TransportId.decode(b, 0, b.length)).isEqualTo(id);
        assertThat(TransportId.encodedLength(b, 0, b.length)).isEqualTo(b.length);
    }

    @Property
    void fcAndSasTransportIdsRoundTrip(@ForAll long name) {
        for (TransportId id : new TransportId[] {new TransportId.FibreChannel(name), new TransportId.Sas(name)}) {
            byte[] b = id.encode();
            assertThat(b).hasSize(24);
            assertThat(TransportId.decode(b, 0, b.length)).isEqualTo(id);
        }
    }

    @Test
    void aSignedIsidIsNotATransportIdAndDecodingSaysSoWithoutThrowing() {
        byte[] b = TransportId.Iscsi.port("iqn.x:a", 1).encode();
        byte[] bad = "iqn.x:a,i,0x-2".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.util.Arrays.fill(b, 4, b.length, (byte) 0);
        System.arraycopy(bad, 0, b, 4, bad.length);
        assertThat(TransportId.decode(b, 0, b.length)).isNull();
    }
}
