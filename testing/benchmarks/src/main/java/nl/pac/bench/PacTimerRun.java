package nl.pac.bench;

import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.EscalationStepStarted;
import nl.pac.contracts.OverdueDetected;
import nl.pac.contracts.PacEvent;
import nl.pac.contracts.RiskLevel;
import nl.pac.contracts.Topic;
import nl.pac.contracts.VisitStarted;
import nl.pac.testsupport.FreePort;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.launcher.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * escalation-service as it runs in production (its packaged jar, its own JVM), fed visits on
 * pac.visits, observed only on pac.escalations and through its metrics endpoint.
 */
final class PacTimerRun {

    private PacTimerRun() {
    }

    static RunResult run(PacInfrastructure infra, Path root, Workload workload) throws Exception {
        Map<String, String> config = new HashMap<>(infra.serviceConfig());
        config.put("pac.escalation.default-policy.grace", workload.step().toString());
        config.put("pac.escalation.default-policy.contact-worker-timeout", workload.step().toString());
        config.put("pac.escalation.default-policy.manager-decision-timeout", workload.step().toString());
        String tenant = "bench-" + UUID.randomUUID();
        try (ServiceProcess service = ServiceProcess.start(root, "escalation-service", FreePort.pick(), config,
                root.resolve("testing/benchmarks/target/service-logs"))) {
            service.awaitReady(Duration.ofSeconds(120));
            MetricsScraper metrics = new MetricsScraper(service.baseUrl());
            Instant start = Instant.now();
            StepTracker tracker = new StepTracker(workload, start);
            Map<UUID, Integer> visitIndex = new HashMap<>(workload.visits() * 2);
            List<VisitStarted> visits = IntStream.range(0, workload.visits()).mapToObj(i -> {
                VisitStarted visit = visit(tenant, i, start, workload.expectedEnd(start, i));
                visitIndex.put(visit.visitId(), i);
                return visit;
            }).toList();

            try (KafkaConsumer<String, byte[]> consumer = escalationsFromNow(infra.bootstrapServers());
                 PendingSampler pending = new PendingSampler(metrics::timersPending)) {
                publish(infra.bootstrapServers(), visits);
                System.out.printf("[pac] %d visits published in %.1f s%n", visits.size(),
                        Duration.between(start, Instant.now()).toMillis() / 1000.0);
                Instant deadline = workload.lastDue(start).plus(Duration.ofMinutes(3));
                while (!tracker.complete() && Instant.now().isBefore(deadline)) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        observe(record, tenant, visitIndex, tracker);
                    }
                }
                // A little longer, so a doubled step would be counted rather than missed.
                Instant settle = Instant.now().plus(workload.step());
                while (Instant.now().isBefore(settle)) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        observe(record, tenant, visitIndex, tracker);
                    }
                }
                return tracker.result("PAC escalation-service (packaged jar, -Xmx256m, serial GC)",
                        "policy steps " + workload.step() + ", sweep PT1S + in-memory next-due wake-up, batch 200, outbox relay",
                        pending.peak(), metrics.heapUsed());
            }
        }
    }

    private static VisitStarted visit(String tenant, int i, Instant start, Instant expectedEnd) {
        return new VisitStarted(UUID.randomUUID(), tenant, "w-" + i, null, "Benchmarkstraat " + i, null, start, expectedEnd,
                RiskLevel.LOW, Map.of(), false, false, false, false, false, start);
    }

    private static void observe(ConsumerRecord<String, byte[]> record, String tenant, Map<UUID, Integer> visitIndex,
                                StepTracker tracker) {
        CloudEvent event = CloudEvent.fromRecord(record);
        if (!tenant.equals(event.tenantId())) {
            return;
        }
        PacEvent body = event.body();
        if (body instanceof OverdueDetected overdue) {
            tracker.fired(visitIndex.get(overdue.visitId()), 0, record.timestamp());
        } else if (body instanceof EscalationStepStarted step) {
            int index = switch (step.step()) {
                case CONTACT_WORKER -> 1;
                case NOTIFY_MANAGER -> 2;
                case OPERATOR_DECISION, POLICE -> 3;
            };
            tracker.fired(visitIndex.get(step.visitId()), index, record.timestamp());
        }
    }

    private static void publish(String bootstrap, List<VisitStarted> visits) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new StringSerializer(), new ByteArraySerializer())) {
            for (VisitStarted visit : visits) {
                CloudEvent event = CloudEvent.of(visit.visitId(), "/bench", visit.registeredAt(), visit);
                producer.send(event.toRecord(Topic.VISITS.topicName(), visit.partitionKey()));
            }
            producer.flush();
        }
    }

    private static KafkaConsumer<String, byte[]> escalationsFromNow(String bootstrap) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = IntStream.range(0, Topic.ESCALATIONS.partitions())
                .mapToObj(p -> new TopicPartition(Topic.ESCALATIONS.topicName(), p)).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve "end" now, before anything is published
        return consumer;
    }
}
