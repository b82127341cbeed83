package nl.pac.escalation.directory;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.TeamDirectoryChanged;
import nl.pac.outbox.IdempotentConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import javax.sql.DataSource;
import java.time.InstantSource;

/**
 * Learns the tenants' teams from the compacted pac.directory (dispatch-service's outbox), read from
 * the start in a consumer group of its own ({@code escalation-service-directory}), so a new database
 * ends with every team. Idempotent on the event id like every consumer here; {@link KnownTeams} keeps
 * the highest version, so a redelivery or compaction's reordering never puts an older state back.
 *
 * <p>No fail-safe: nobody is in danger by a team this service has not learnt. Only the policy and
 * browse APIs ask {@link KnownTeams} (they answer 404 meanwhile); the chain never does. A record that
 * cannot be read goes to the dead-letter topic, where the dead-letter watcher shows it to a person.
 */
@ApplicationScoped
public class DirectoryConsumer {

    private final IdempotentConsumer consumer;
    private final InstantSource clock;

    public DirectoryConsumer(DataSource dataSource, InstantSource clock) {
        this.consumer = IdempotentConsumer.forTypes(dataSource, "escalation.directory", TeamDirectoryChanged.TYPE);
        this.clock = clock;
    }

    @Incoming("directory")
    @Blocking
    public void onTeamChanged(ConsumerRecord<String, byte[]> record) {
        consumer.consume(record, (connection, event) ->
                KnownTeams.learn(connection, (TeamDirectoryChanged) event.body(), clock.instant()));
    }
}
