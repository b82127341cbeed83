package nl.pac.dispatch.dispatch;

import java.util.List;

/**
 * Who a dispatch asks, in waves: everyone in a wave is notified at once; when nobody of a wave has
 * taken it in hand before the wave's timeout (or all of them declined or cannot be reached), the
 * next wave is notified. Earlier waves stay asked: an operator may still accept after the manager
 * was added.
 *
 * @param note what the rules had to work around ("no manager on duty"), for the operators
 */
public record Plan(List<List<Responder>> waves, String note) {

    public Plan {
        waves = waves.stream().filter(w -> !w.isEmpty()).map(List::copyOf).toList();
        if (waves.isEmpty()) {
            throw new IllegalArgumentException("a plan asks someone");
        }
    }
}
