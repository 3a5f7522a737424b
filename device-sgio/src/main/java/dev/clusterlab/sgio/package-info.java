/** Linux SG_IO passthrough (JNA), device discovery from /sys and the real-device safety guard. */
package dev.clusterlab.sgio;
