package dev.clusterlab.bench.ui;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time of the JavaFX threads over the measured part of a benchmark: the FX application thread
 * and the renderer. On a shared machine wall-clock frame times swing with the other load; CPU time
 * per pulse says what a frame costs by itself. Call {@link #start()} and {@link #stop()} on the FX thread.
 */
final class ThreadCpu {
    private final ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    private final Map<String, long[]> byThread = new LinkedHashMap<>(); // name -> {id, start, end}

    void start() {
        byThread.clear();
        byThread.put("fx", new long[] {Thread.currentThread().threadId(), bean.getCurrentThreadCpuTime(), -1});
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("QuantumRenderer")) byThread.put("render", new long[] {t.threadId(), bean.getThreadCpuTime(t.threadId()), -1});
        }
    }

    void stop() {
        for (long[] v : byThread.values()) v[2] = bean.getThreadCpuTime(v[0]);
    }

    /** "fx 4.10 ms, render 9.80 ms". */
    String perPulse(int pulses) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, long[]> e : byThread.entrySet()) {
            long[] v = e.getValue();
            if (v[1] < 0 || v[2] < 0 || pulses == 0) continue;
            if (!s.isEmpty()) s.append(", ");
            s.append(String.format(Locale.ROOT, "%s thread %.2f ms", e.getKey(), (v[2] - v[1]) / 1e6 / pulses));
        }
        return s.isEmpty() ? "n/a" : s.toString();
    }
}
