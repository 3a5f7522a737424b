package dev.clusterlab.engine.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.iscsi.target.LunDefinition;
import dev.clusterlab.engine.target.pr.AptplStore;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** LuOptions through LogicalUnit.Builder and LunDefinition: a fixed, writable disk unless asked otherwise. */
class LuOptionsTest {
    private final MemoryBlockStore store = new MemoryBlockStore(512, 16);

    @Test
    void builderDefaultIsFixedAndWritable() {
        assertThat(TestLus.small().options()).isEqualTo(LuOptions.FIXED_WRITABLE);
    }

    @Test
    void builderFlagsCombine() {
        LogicalUnit lu = TestLus.builder(store).removable(true).writeProtected(true).removable(false).build();
        assertThat(lu.options()).isEqualTo(new LuOptions(false, true));
        assertThat(TestLus.builder(store).options(new LuOptions(true, false)).build().state().removable()).isTrue();
    }

    @Test
    @DisplayName("The 3-argument LunDefinition is a fixed, writable disk")
    void threeArgumentLunDefinitionIsFixedWritable() {
        assertThat(new LunDefinition("d", store, AptplStore.NONE).options()).isEqualTo(LuOptions.FIXED_WRITABLE);
    }

    @Test
    void nullOptionsInLunDefinitionMeanFixedWritable() {
        assertThat(new LunDefinition("d", store, AptplStore.NONE, null).options()).isEqualTo(LuOptions.FIXED_WRITABLE);
    }

    @Test
    void lunDefinitionCarriesOptions() {
        var def = new LunDefinition("cd", store, AptplStore.NONE, new LuOptions(true, true));
        assertThat(def.options().removable()).isTrue();
        assertThat(def.options().writeProtected()).isTrue();
    }
}
