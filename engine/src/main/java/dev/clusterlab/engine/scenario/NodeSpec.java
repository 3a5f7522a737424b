package dev.clusterlab.engine.scenario;

import java.util.ArrayList;
import java.util.List;

/** A cluster node with {@code paths} I_T nexuses to every shared disk, named p1..pN. */
public record NodeSpec(String name, int paths) {

    public List<String> pathNames() {
        List<String> names = new ArrayList<>(paths);
        for (int i = 1; i <= paths; i++) names.add("p" + i);
        return List.copyOf(names);
    }

    public boolean hasPath(String path) { return pathNames().contains(path); }
}
