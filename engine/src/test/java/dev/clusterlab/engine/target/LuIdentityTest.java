package dev.clusterlab.engine.target;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LuIdentityTest {

    @Test
    void sameNameAndSeedGiveTheSameIdentity() {
        LuIdentity a = LuIdentity.forName("disk1", 42), b = LuIdentity.forName("disk1", 42);
        assertThat(a.naa()).isEqualTo(b.naa());
        assertThat(a.serial()).isEqualTo(b.serial());
    }

    @Test
    void differentNamesOrSeedsGiveDifferentDesignators() {
        assertThat(LuIdentity.forName("disk1", 42).naa()).isNotEqualTo(LuIdentity.forName("disk2", 42).naa());
        assertThat(LuIdentity.forName("disk1", 42).naa()).isNotEqualTo(LuIdentity.forName("disk1", 43).naa());
        assertThat(LuIdentity.forName("disk1", 42).serial()).isNotEqualTo(LuIdentity.forName("disk2", 42).serial());
    }

    @Test
    void designatorIsAnEightByteLocallyAssignedNaa() {
        byte[] naa = LuIdentity.forName("quorum", 7).naa();
        assertThat(naa).hasSize(8);
        assertThat((naa[0] & 0xF0) >>> 4).isEqualTo(3);
        assertThat(LuIdentity.forName("quorum", 7).naaName()).startsWith("naa.3").hasSize(4 + 16);
    }

    @Test
    void identityUsesTheLabsVendorProductAndRevision() {
        LuIdentity id = LuIdentity.forName("disk1", 1);
        assertThat(id.vendor()).isEqualTo("CLUSTLAB");
        assertThat(id.product()).isEqualTo("SIMULATED DISK");
        assertThat(id.revision()).isEqualTo(LuIdentity.REVISION).hasSize(4);
        assertThat(id.serial()).matches("CL[0-9A-F]{15}");
    }
}
