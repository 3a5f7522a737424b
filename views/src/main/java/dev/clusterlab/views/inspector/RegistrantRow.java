package dev.clusterlab.views.inspector;

/**
 * One registration of a disk as the inspector's registrant table shows it (SPC-4 §5.14.5: a
 * registration is an I_T nexus and a key; the holder and APTPL columns follow READ FULL STATUS).
 *
 * @param nexus "node-a/p1 -> all target ports" or "node-a/p1 -> tp1 (rtpi 1)"
 * @param key the reservation key, 0x and hex
 * @param holder whether it holds the persistent reservation
 * @param aptpl whether the disk's state persists through power loss (APTPL is per logical unit)
 */
public record RegistrantRow(String nexus, String key, boolean holder, boolean aptpl) {}
