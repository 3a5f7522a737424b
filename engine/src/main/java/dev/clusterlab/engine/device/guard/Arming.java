package dev.clusterlab.engine.device.guard;

import dev.clusterlab.engine.device.DeviceIdentity;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Which real devices the user has armed, by identity (the VPD 83h designator ClusterLab names them
 * by, e.g. {@code naa.6001405abcdef...}). One instance per lab session or CLI invocation; every
 * {@link DeviceGuard} of every path consults it, so arming a LUN once arms all paths to it. Nothing
 * is ever armed by default and a scenario file cannot arm: only the user, on the CLI or in a dialog.
 */
public final class Arming {
    private final Set<String> armed = ConcurrentHashMap.newKeySet();
    private final Set<String> dataWrites = ConcurrentHashMap.newKeySet();
    private final CopyOnWriteArrayList<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /** Arms {@code identity} for state-changing commands; data-block writes need {@code allowDataWrites} too. */
    public void arm(String identity, boolean allowDataWrites) {
        String key = key(identity);
        if (key.isEmpty()) throw new IllegalArgumentException("arming needs a device identity such as naa.6001405...");
        armed.add(key);
        if (allowDataWrites) dataWrites.add(key);
        else dataWrites.remove(key);
        notifyListeners(identity);
    }

    /** Disarms {@code identity}, e.g. when the device behind a path turns out to be a different one. */
    public void disarm(String identity) {
        String key = key(identity);
        boolean was = armed.remove(key);
        dataWrites.remove(key);
        if (was) notifyListeners(identity);
    }

    public boolean isArmed(DeviceIdentity identity) { return identity != null && armed.contains(key(identity.name())); }

    public boolean allowsDataWrites(DeviceIdentity identity) { return identity != null && dataWrites.contains(key(identity.name())); }

    /** Called with the identity whenever it is armed or disarmed (the UI redraws its armed badges). */
    public void addListener(Consumer<String> listener) { listeners.add(listener); }

    private void notifyListeners(String identity) { for (Consumer<String> l : listeners) l.accept(identity); }

    /** Identities compare without case and without a "0x" after the naa./eui. prefix, as users type them. */
    private static String key(String identity) { return DeviceIdentity.canonical(identity); }
}
