package nl.pac.dispatch.dispatch;

/** An answer the dispatch did not take; thrown so the answer's transaction, and a link spent in it, roll back. */
public final class AnswerRefused extends RuntimeException {

    private final Dispatch.Refusal refusal;

    AnswerRefused(Dispatch.Refusal refusal) {
        super(refusal.detail());
        this.refusal = refusal;
    }

    public Dispatch.Refusal refusal() {
        return refusal;
    }
}
