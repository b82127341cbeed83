package nl.pac.bench;

import java.util.HashMap;
import java.util.Map;

/** A benchmark's command line: the project root, then {@code --name value} pairs with defaults. */
final class BenchArgs {

    private final Map<String, String> options = new HashMap<>();

    BenchArgs(String[] args) {
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
    }

    int integer(String name, int otherwise) {
        return options.containsKey(name) ? Integer.parseInt(options.get(name)) : otherwise;
    }
}
