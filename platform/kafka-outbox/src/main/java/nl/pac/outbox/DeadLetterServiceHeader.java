package nl.pac.outbox;

import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Names the service that parked a record on pac.dead-letters: header {@value #HEADER}, the service's
 * {@code quarkus.application.name}, beside the {@code dead-letter-topic/-partition/-offset/-reason/-cause}
 * headers SmallRye's dead-letter-queue strategy writes (and the record's own, all kept). Without it the
 * dead-letter watcher could not tell which consumer failed, and labelled every one {@code unknown}.
 *
 * <p>The interceptor of every channel's dead-letter producer only ({@code dead-letter-queue.interceptor.classes}
 * in this library's microprofile-config.properties): SmallRye builds that producer from the channel's
 * {@code dead-letter-queue.*} settings, and the strategy's own API offers no hook for a header of ours
 * short of every consumer nacking by hand. A header the record already has (set by a consumer that did)
 * is left as it is.
 */
public class DeadLetterServiceHeader implements ProducerInterceptor<Object, Object> {

    public static final String HEADER = "dead-letter-service";

    private byte[] service = "unknown".getBytes(StandardCharsets.UTF_8);

    @Override
    public void configure(Map<String, ?> configs) {
        ConfigProvider.getConfig().getOptionalValue("quarkus.application.name", String.class)
                .ifPresent(name -> service = name.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        if (record.headers().lastHeader(HEADER) == null) {
            record.headers().add(HEADER, service);
        }
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public void close() {
    }
}
