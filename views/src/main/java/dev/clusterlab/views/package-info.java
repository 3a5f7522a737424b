/** JavaFX views and view models; they read timeline projections and send commands. */
package dev.clusterlab.views;
