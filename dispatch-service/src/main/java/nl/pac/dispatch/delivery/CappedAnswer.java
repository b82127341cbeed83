package nl.pac.dispatch.delivery;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The answer cap of {@link ExchangeBounds} for HTTP: reads an answer's body only to count it, holding
 * none of it. Past the cap it cancels the subscription, which makes the HTTP client close the
 * connection (the rest is never read), and completes with {@link #CUT}; otherwise with the length.
 */
final class CappedAnswer implements HttpResponse.BodySubscriber<Long> {

    /** The body was longer than the cap. */
    static final long CUT = -1;

    private final long cap;
    private final CompletableFuture<Long> length = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long read;

    CappedAnswer(long cap) {
        this.cap = cap;
    }

    @Override
    public CompletionStage<Long> getBody() {
        return length;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE); // every buffer is counted and dropped at once: nothing piles up
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (length.isDone()) {
            return;
        }
        for (ByteBuffer b : buffers) {
            read += b.remaining();
        }
        if (read > cap) {
            length.complete(CUT);
            subscription.cancel();
        }
    }

    @Override
    public void onError(Throwable failure) {
        length.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        length.complete(read);
    }
}
