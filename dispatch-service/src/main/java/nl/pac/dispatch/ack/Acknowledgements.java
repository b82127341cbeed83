package nl.pac.dispatch.ack;

import nl.pac.contracts.AckChannel;
import nl.pac.contracts.AckResponse;
import nl.pac.contracts.ResponderAcknowledged;
import nl.pac.dispatch.dispatch.AnswerRefused;
import nl.pac.dispatch.dispatch.Answerable;
import nl.pac.dispatch.dispatch.DispatchStore;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * A responder's answer as the API takes it, from the app or a signed link, in the caller's
 * transaction: the dispatch decides, and what it refuses is a 400 naming {@code response} (not an
 * answer to this notification) or a 409 (too late).
 */
final class Acknowledgements {

    private Acknowledgements() {
    }

    static ResponderAcknowledged answer(Connection c, Answerable n, AckResponse response, AckChannel via, String actor, Instant now)
            throws SQLException {
        try {
            return DispatchStore.answer(c, n, response, via, actor, now);
        } catch (AnswerRefused refused) {
            throw switch (refused.refusal().reason()) {
                case NOT_AN_ANSWER_HERE -> ProblemException.invalid("response", refused.refusal().detail());
                case TOO_LATE -> new ProblemException(Problem.of("already-answered", "The notification cannot take this answer any more",
                        409, refused.refusal().detail(), List.of()));
            };
        }
    }
}
