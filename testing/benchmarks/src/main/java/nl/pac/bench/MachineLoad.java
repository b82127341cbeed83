package nl.pac.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What else the machine was doing, printed beside a benchmark's figures: on two shared cores a figure
 * means little without the load average it was measured under.
 */
final class MachineLoad {

    private MachineLoad() {
    }

    static String now() {
        String cores = Runtime.getRuntime().availableProcessors() + " cores";
        try {
            String[] avg = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.format("%s, load average %s / %s / %s (1 / 5 / 15 min)", cores, avg[0], avg[1], avg[2]);
        } catch (IOException e) {
            return cores + ", load average not readable here";
        }
    }
}
