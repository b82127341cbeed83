package nl.pac.loop;

import org.jboss.logging.Logger;

import java.sql.SQLException;

/**
 * One run of a scheduled housekeeping job (retention sweep, tenant checkpoints). A failure is logged
 * and not thrown: what was due stays due in the database, so the next scheduled run does it.
 */
public final class Housekeeping {

    /** The job's work; returns how many things it handled. */
    @FunctionalInterface
    public interface Work {
        int run() throws SQLException;
    }

    private Housekeeping() {
    }

    public static void run(String name, Work work) {
        Logger log = Logger.getLogger(name);
        try {
            int handled = work.run();
            if (handled > 0) {
                log.infof("%s: %d handled", name, handled);
            }
        } catch (SQLException | RuntimeException e) {
            log.warn(name + " failed; the next run tries again", e);
        }
    }
}
