package kr.anshim.loadtests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import kr.anshim.api.Ack;
import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.DemoCity;
import kr.anshim.api.Routes;
import kr.anshim.api.SignalType;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.springframework.http.MediaType;
import org.springframework.http.codec.json.Jackson2JsonDecoder;
import org.springframework.http.codec.json.Jackson2JsonEncoder;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-loop load on the real alarm route: events are generated at a fixed target rate over
 * several gateway connections (request-channel, one acknowledgement per event after its durable
 * commit), whatever the server's pace, so queueing shows up as latency instead of hiding
 * (no coordinated omission). Latency runs from an event's scheduled send time to its
 * acknowledgement, recorded in HdrHistogram. Loopback only; stops after the duration.
 * <p>
 * Arguments: {@code --host=127.0.0.1 --port=7000 --rate=5000 --duration=PT60S --warmup=PT10S
 * --connections=4 --households-per-thousand=5 --seed=20221101 --gateway-hold=PT0.1S}; a cluster:
 * {@code --ports=7000,7001,7002} (connections spread over the instances) and {@code --screen-port=7000}
 * for the ingest-to-screen probes ({@link ScreenProbe}).
 */
public final class LoadRun {

    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);
    private static final Duration DRAIN = Duration.ofSeconds(15);

    private final String host;
    private final int port;
    /** Every instance's RSocket port: connection {@code c} goes to {@code ports[c % n]} (one entry standalone). */
    private final List<Integer> ports;
    /** The instance whose supervisor screen the probes watch (0: no probes). */
    private final int screenPort;
    private final List<DemoCity.Device> probeDevices;
    private ScreenProbe probe;
    private final double rate;
    private final Duration duration;
    private final Duration warmup;
    private final int connections;
    /** Live incident streams that ask for one frame and never more: screens that stopped reading. */
    private final int idleReaders;
    private final List<DemoCity.Device> devices;
    private final Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
    private final Histogram steady = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    /** Latency of OVERLOADED answers alone: shedding must answer fast, not only answer. */
    private final Recorder shedRecorder = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
    private final Histogram shedSteady = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final AtomicLong overloaded = new AtomicLong();
    private volatile long steadyDurable;
    private volatile long steadyOverloaded;
    private final boolean echo;
    private final Map<UUID, Long> scheduled = new ConcurrentHashMap<>();
    private final Map<UUID, Long> handedOver = new ConcurrentHashMap<>();
    /** How late the generator handed events to RSocket: if this grows, the figures measure the generator. */
    private final Histogram sendLag = new org.HdrHistogram.ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 2);
    private final AtomicLong sent = new AtomicLong();
    /** Events the rate scheduled, sent or not. */
    private final AtomicLong offered = new AtomicLong();
    /** Events the gateway could not send within {@link #holdNanos} (no credit from the server): busy to their device. */
    private final AtomicLong busyAtGateway = new AtomicLong();
    private final long holdNanos;
    private volatile long steadyBusy;
    private volatile long steadyOffered;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile boolean measuring;
    private volatile long steadyAcks;

    private LoadRun(Map<String, String> args) {
        host = args.getOrDefault("host", "127.0.0.1");
        if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1")) {
            throw new IllegalArgumentException("load runs target loopback only, not " + host);
        }
        echo = "echo".equals(args.get("target"));
        port = echo ? EchoServer.start() : Integer.parseInt(args.getOrDefault("port", "7000"));
        ports = args.containsKey("ports") && !echo
                ? java.util.Arrays.stream(args.get("ports").split(",")).map(String::trim).map(Integer::valueOf).toList()
                : List.of(port);
        screenPort = echo ? 0 : Integer.parseInt(args.getOrDefault("screen-port", "0"));
        rate = Double.parseDouble(args.getOrDefault("rate", "5000"));
        duration = Duration.parse(args.getOrDefault("duration", "PT60S"));
        warmup = Duration.parse(args.getOrDefault("warmup", "PT10S"));
        connections = Integer.parseInt(args.getOrDefault("connections", "4"));
        idleReaders = Integer.parseInt(args.getOrDefault("idle-readers", "0"));
        holdNanos = Duration.parse(args.getOrDefault("gateway-hold", "PT0.1S")).toNanos();
        if (duration.compareTo(Duration.ofMinutes(30)) > 0) {
            throw new IllegalArgumentException("a load run is bounded to 30 minutes");
        }
        List<DemoCity.Device> all = DemoCity.generate(Double.parseDouble(args.getOrDefault("households-per-thousand", "5")),
                Long.parseLong(args.getOrDefault("seed", "20221101"))).devices();
        // the probes' households are set apart: the load never touches them, so a probe's incident changes only by the probe
        probeDevices = screenPort > 0 ? ScreenProbe.probeDevices(all, 200) : List.of();
        java.util.Set<String> apart = probeDevices.stream().map(DemoCity.Device::householdId).collect(java.util.stream.Collectors.toSet());
        devices = all.stream().filter(d -> d.householdId() == null || !apart.contains(d.householdId())).toList();
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new java.util.HashMap<>();
        for (String arg : argv) {
            if (arg.startsWith("--") && arg.contains("=")) {
                args.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        new LoadRun(args).run();
        System.exit(0);
    }

    private void run() {
        System.out.printf("Load run%s: %,.0f events/s target over %d connections for %s (first %s is warm-up), %,d devices, %s:%s%n",
                echo ? " against a bare RSocket echo (the baseline)" : "", rate, connections, duration, warmup,
                devices.size(), host, ports);
        RSocketStrategies strategies = strategies();
        List<RSocketRequester> requesters = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            requesters.add(RSocketRequester.builder().rsocketStrategies(strategies)
                    .dataMimeType(MediaType.APPLICATION_JSON)
                    .setupData(ConnectionCredentials.gateway(DemoCity.DEMO_GATEWAY_ID, DemoCity.demoToken(DemoCity.DEMO_GATEWAY_ID)))
                    .tcp(host, ports.get(i % ports.size())));
        }
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long warmEnd = start + warmup.toNanos();
        List<reactor.core.Disposable> channels = new ArrayList<>();
        if (idleReaders > 0) {
            channels.addAll(IdleReaders.open(strategies, host, port, idleReaders));
            System.out.printf("%d idle live-incident streams open (one frame each, never more)%n", idleReaders);
        }
        for (int c = 0; c < connections; c++) {
            channels.add(channel(requesters.get(c), rate / connections, start, end, c));
        }
        if (screenPort > 0) {
            // sent through another instance than the screen's when there is one, so a probe crosses the cluster
            int sendPort = ports.stream().filter(p -> p != screenPort).findFirst().orElse(screenPort);
            probe = ScreenProbe.start(strategies, host, screenPort, sendPort, probeDevices, Duration.ofMillis(250), end, channels);
        }
        Reporter reporter = new Reporter(start, warmEnd);
        // report every 5 s on Reactor's timer until the run's end; the main thread only waits
        Flux.interval(REPORT_EVERY).takeUntil(tick -> System.nanoTime() >= end).doOnNext(tick -> reporter.report()).blockLast();
        long measuredAcks = acks() - steadyAcks;
        long measuredDurable = stored.get() + duplicates.get() - steadyDurable;
        long measuredShed = overloaded.get() - steadyOverloaded;
        long measuredBusy = busyAtGateway.get() - steadyBusy;
        long measuredOffered = offered.get() - steadyOffered;
        double measuredSeconds = (System.nanoTime() - warmEnd) / 1e9;
        // give the last acknowledgements up to 15 s to arrive
        Flux.interval(Duration.ofMillis(100)).takeUntil(tick -> scheduled.isEmpty()).take(DRAIN).blockLast();
        steady.add(recorder.getIntervalHistogram());
        shedSteady.add(shedRecorder.getIntervalHistogram());
        channels.forEach(reactor.core.Disposable::dispose);
        requesters.forEach(RSocketRequester::dispose);
        System.out.printf("%nResult (after warm-up, %.0f s measured):%n", measuredSeconds);
        System.out.printf("  offered %,d  busy at the gateway (no credit within %d ms, never sent) %,d%n",
                offered.get(), TimeUnit.NANOSECONDS.toMillis(holdNanos), busyAtGateway.get());
        System.out.printf("  offered %,.0f events/s; busy at the gateway %,.0f/s (%.1f%% of offered)%n",
                measuredOffered / measuredSeconds, measuredBusy / measuredSeconds,
                measuredOffered == 0 ? 0.0 : 100.0 * measuredBusy / measuredOffered);
        System.out.printf("  sent %,d  stored %,d  duplicate %,d  rejected %,d  errors %,d  unanswered %,d%n",
                sent.get(), stored.get(), duplicates.get(), rejected.get(), errors.get(), scheduled.size());
        System.out.printf("  answered: %,.0f events/s (target %,.0f); stored or duplicate: %,.0f events/s; OVERLOADED: %,.0f/s (%.1f%% of answers)%n",
                measuredAcks / measuredSeconds, rate, measuredDurable / measuredSeconds, measuredShed / measuredSeconds,
                measuredAcks == 0 ? 0.0 : 100.0 * measuredShed / measuredAcks);
        System.out.printf("  stored-ack latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (n=%,d)%n",
                ms(steady.getValueAtPercentile(50)), ms(steady.getValueAtPercentile(90)),
                ms(steady.getValueAtPercentile(99)), ms(steady.getValueAtPercentile(99.9)),
                ms(steady.getMaxValue()), steady.getTotalCount());
        System.out.printf("  generator lag (scheduled -> handed to RSocket) ms, whole run: p50 %.2f  p99 %.2f  max %.2f%n",
                ms(sendLag.getValueAtPercentile(50)), ms(sendLag.getValueAtPercentile(99)), ms(sendLag.getMaxValue()));
        if (probe != null) {
            System.out.println("  " + probe.summary());
        }
        if (shedSteady.getTotalCount() > 0) {
            System.out.printf("  OVERLOADED-answer latency ms, from hand-over to RSocket: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  (n=%,d)%n",
                    ms(shedSteady.getValueAtPercentile(50)), ms(shedSteady.getValueAtPercentile(90)),
                    ms(shedSteady.getValueAtPercentile(99)), ms(shedSteady.getMaxValue()), shedSteady.getTotalCount());
        }
    }

    /** Prints each 5-s interval; the first interval that ends after the warm-up starts the measurement. */
    private final class Reporter {
        private final long start;
        private final long warmEnd;
        private Histogram interval;
        private long lastAcks;
        private long lastShed;
        private long lastBusy;
        private long lastReport;

        Reporter(long start, long warmEnd) {
            this.start = start;
            this.warmEnd = warmEnd;
            this.lastReport = start;
        }

        private Histogram shedInterval;

        void report() {
            interval = recorder.getIntervalHistogram(interval);
            shedInterval = shedRecorder.getIntervalHistogram(shedInterval);
            if (measuring) {
                steady.add(interval);
                shedSteady.add(shedInterval);
            }
            long now = System.nanoTime();
            long acks = acks();
            long shed = overloaded.get();
            long busy = busyAtGateway.get();
            double seconds = (now - lastReport) / 1e9;
            System.out.printf("  t=%3ds  stored %,8.0f/s  p50 %7.2f ms  p99 %8.2f ms  max %8.2f ms | OVERLOADED %,7.0f/s  p99 %7.2f ms | busy at gateway %,7.0f/s | outstanding %,d%n",
                    TimeUnit.NANOSECONDS.toSeconds(now - start), (acks - lastAcks - (shed - lastShed)) / seconds,
                    ms(interval.getValueAtPercentile(50)), ms(interval.getValueAtPercentile(99)),
                    ms(interval.getMaxValue()), (shed - lastShed) / seconds, ms(shedInterval.getValueAtPercentile(99)),
                    (busy - lastBusy) / seconds, scheduled.size());
            lastBusy = busy;
            lastAcks = acks;
            lastShed = shed;
            lastReport = now;
            if (!measuring && now >= warmEnd) {
                measuring = true;
                if (probe != null) {
                    probe.measure();
                }
                steadyAcks = acks;
                steadyDurable = stored.get() + duplicates.get();
                steadyOverloaded = shed;
                steadyBusy = busyAtGateway.get();
                steadyOffered = offered.get();
            }
        }
    }

    /**
     * One request-channel fed by a 1 ms ticker that schedules however many events the rate owes.
     * Like a gateway, it sends only what the server asked for (RSocket's requestN, the server's
     * credit) and holds the rest for at most {@code hold}; an event it could not send by then is
     * answered busy to its device on the gateway's side (counted, never sent, so never stored).
     */
    private reactor.core.Disposable channel(RSocketRequester requester, double perSecond, long start, long end, int index) {
        SplittableRandom random = new SplittableRandom(index * 7919L + System.nanoTime());
        reactor.core.scheduler.Scheduler ticker = Schedulers.newSingle("load-" + index);
        Flux<byte[]> events = Flux.<byte[]>create(sink -> {
            java.util.ArrayDeque<Long> held = new java.util.ArrayDeque<>();
            AtomicLong demand = new AtomicLong();
            long[] emitted = {0};
            sink.onRequest(demand::addAndGet);
            reactor.core.Disposable tick = ticker.schedulePeriodically(() -> {
                long now = System.nanoTime();
                if (now >= end) {
                    busyAtGateway.addAndGet(held.size());
                    held.clear();
                    sink.complete();
                    return;
                }
                long owed = (long) ((now - start) / 1e9 * perSecond) - emitted[0];
                for (long i = 0; i < owed; i++) {
                    held.add(start + (long) ((emitted[0] + i) / perSecond * 1e9));
                }
                emitted[0] += Math.max(owed, 0);
                offered.addAndGet(Math.max(owed, 0));
                while (!held.isEmpty() && now - held.peekFirst() > holdNanos) {
                    held.pollFirst();
                    busyAtGateway.incrementAndGet();
                }
                while (!held.isEmpty() && demand.get() > 0) {
                    demand.decrementAndGet();
                    Generated generated = event(random, held.pollFirst());
                    // the moment RSocket takes the event to send it: OVERLOADED latency counts from here
                    long handed = System.nanoTime();
                    handedOver.put(generated.id(), handed);
                    sendLag.recordValue(Math.min(Math.max(0, handed - generated.scheduledNanos()), TimeUnit.SECONDS.toNanos(60)));
                    sink.next(generated.bytes());
                }
            }, 1, 1, TimeUnit.MILLISECONDS);
            sink.onDispose(tick);
        }, reactor.core.publisher.FluxSink.OverflowStrategy.BUFFER);
        return requester.route(Routes.ALARMS).data(events, byte[].class).retrieveFlux(byte[].class).map(LoadRun::ack)
                .doFinally(signal -> ticker.dispose())
                .subscribe(this::acknowledged, error -> {
                    errors.incrementAndGet();
                    System.err.println("channel " + index + " ended: " + error);
                });
    }

    private record Generated(UUID id, long scheduledNanos, byte[] bytes) {
    }

    private Generated event(SplittableRandom random, long scheduledNanos) {
        DemoCity.Device device = devices.get(random.nextInt(devices.size()));
        SignalType type = EventMix.pick(device.family(), random);
        UUID id = new UUID(random.nextLong(), random.nextLong());
        scheduled.put(id, scheduledNanos);
        sent.incrementAndGet();
        String payload = switch (type) {
            case LOITERING -> "{\"dwellSeconds\":" + (20 + random.nextInt(600)) + "}";
            case VOICE_KEYWORD -> "{\"keyword\":\"사람 살려\",\"confidence\":0.93}";
            case WRONG_CODES -> "{\"count\":" + (3 + random.nextInt(8)) + "}";
            case DOOR_LEFT_OPEN -> "{\"openSeconds\":" + (60 + random.nextInt(1800)) + "}";
            default -> "{}";
        };
        return new Generated(id, scheduledNanos, ("{\"eventId\":\"" + id + "\",\"deviceId\":\"" + device.id()
                + "\",\"occurredAt\":\"" + Instant.now() + "\",\"type\":\"" + type + "\",\"payload\":" + payload + "}")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The ack's fields read by hand: at tens of thousands a second the generator must not be the limit. */
    static Ack ack(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        String id = field(text, "\"eventId\":\"");
        String outcome = field(text, "\"outcome\":\"");
        String reason = field(text, "\"reason\":\"");
        return new Ack(id == null ? null : UUID.fromString(id), Ack.Outcome.valueOf(outcome), reason, null);
    }

    private static String field(String json, String key) {
        int at = json.indexOf(key);
        if (at < 0) {
            return null;
        }
        int from = at + key.length();
        return json.substring(from, json.indexOf('"', from));
    }

    private void acknowledged(Ack ack) {
        Long at = ack.eventId() == null ? null : scheduled.remove(ack.eventId());
        Long handed = ack.eventId() == null ? null : handedOver.remove(ack.eventId());
        boolean shed = "OVERLOADED".equals(ack.reason());
        long now = System.nanoTime();
        if (shed) {
            overloaded.incrementAndGet();
            if (handed != null) {
                shedRecorder.recordValue(Math.min(now - handed, TimeUnit.SECONDS.toNanos(60)));
            }
        } else if (at != null) {
            recorder.recordValue(Math.min(now - at, TimeUnit.SECONDS.toNanos(60)));
        }
        switch (ack.outcome()) {
            case STORED -> stored.incrementAndGet();
            case DUPLICATE -> duplicates.incrementAndGet();
            case REJECTED -> rejected.incrementAndGet();
        }
    }

    private long acks() {
        return stored.get() + duplicates.get() + rejected.get();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    static RSocketStrategies strategies() {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return RSocketStrategies.builder()
                .encoder(new Jackson2JsonEncoder(json))
                .decoder(new Jackson2JsonDecoder(json))
                .build();
    }
}
