/**
 * Linux SG_IO passthrough: {@link dev.clusterlab.sgio.SgDevice} (an engine
 * {@link dev.clusterlab.engine.device.ScsiDevice} over {@code /dev/sgN} or {@code /dev/sdX}),
 * {@link dev.clusterlab.sgio.SgConnector} for {@code sg://} device URLs, and the typed errors that say
 * what to do when a device cannot be opened or a command cannot be sent. The native calls live in
 * {@code linux} behind an interface so tests can fake the kernel; discovery from /sys is in {@code sysfs}.
 */
package dev.clusterlab.sgio;
