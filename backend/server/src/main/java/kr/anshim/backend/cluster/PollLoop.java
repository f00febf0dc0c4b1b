package kr.anshim.backend.cluster;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * A consumer outside any group, polled on its own thread until stopped (a Kafka consumer is not
 * thread-safe, so it is used only there): an edge's answers and an instance's change feed.
 */
final class PollLoop {

    private final String name;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Consumer<ConsumerRecord<String, byte[]>> each;
    private final Logger log;
    private volatile boolean running;
    private volatile Thread thread;

    PollLoop(String name, KafkaConsumer<String, byte[]> consumer, Consumer<ConsumerRecord<String, byte[]>> each, Logger log) {
        this.name = name;
        this.consumer = consumer;
        this.each = each;
        this.log = log;
    }

    void start() {
        running = true;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        } catch (WakeupException stopping) {
            // stop() woke the poll
        } catch (RuntimeException e) {
            log.error("{} ended", name, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    boolean isRunning() {
        return running;
    }

    void stop() {
        running = false;
        consumer.wakeup();
        join(thread);
    }

    static void join(Thread thread) {
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
