package dev.clusterlab.views.session;

import dev.clusterlab.engine.scenario.ScenarioRun;
import dev.clusterlab.engine.scenario.StepResultFormat;
import dev.clusterlab.engine.scenario.Step;

/**
 * What became of a user's action: the recorded action, the step's result (a command's outcome;
 * null outcome for a fault), and whether it forked the timeline (it was done in the past).
 */
public record ActionResult(SessionAction action, ScenarioRun.StepResult result, boolean forked) {

    /** The outcome in a line, as the console shows it: the command's status, or "done" for a fault. */
    public String summary() {
        if (result.outcome() == null) return "done";
        return StepResultFormat.outcome(result.outcome());
    }

    /** A command's answer as sg_persist prints it (PR IN data, PR OUT failures); empty otherwise. */
    public String details() {
        if (!(action.step() instanceof Step.Command c) || result.outcome() == null) return "";
        return StepResultFormat.details(c.command(), result.outcome());
    }
}
