package dev.clusterlab.engine.scenario;

import dev.clusterlab.engine.scsi.ScsiRequest;

/**
 * One command of the lab's command language: which node (and optionally which of its paths) issues
 * which SCSI request. The same form is used by the console, scenario steps and recorded GUI actions.
 *
 * @param path the node's path name, or null for its default path
 * @param disk the shared disk it goes to (sg_persist's DEVICE argument), or null for the default disk
 * @param kind what the request is, so results can be printed the way sg_persist prints them
 * @param text the command as written, for transcripts
 */
public record LabCommand(String node, String path, String disk, Kind kind, ScsiRequest request, String text) {

    /** A command to the default disk. */
    public LabCommand(String node, String path, Kind kind, ScsiRequest request, String text) {
        this(node, path, null, kind, request, text);
    }

    public enum Kind { PR_IN, PR_OUT, OTHER }
}
