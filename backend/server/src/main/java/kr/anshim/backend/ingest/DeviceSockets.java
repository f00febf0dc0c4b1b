package kr.anshim.backend.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.rsocket.RSocket;
import kr.anshim.backend.security.Caller;
import kr.anshim.backend.security.DeviceResponder;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Makes the responder of each device or gateway connection, with its own in-flight budget. Channel
 * acks are encoded and sent on {@link #sender}'s threads, so the journal's thread only decides.
 */
@Component
class DeviceSockets implements DeviceResponder, DisposableBean {

    private final Scheduler sender = Schedulers.newParallel("anshim-acks", Math.max(1, Runtime.getRuntime().availableProcessors()), true);

    private final DeviceIngest ingest;
    private final HeartbeatIngest heartbeats;
    private final SnapshotIntake snapshots;
    private final int perConnection;
    private final ChannelCredit credit;

    DeviceSockets(DeviceIngest ingest, HeartbeatIngest heartbeats, SnapshotIntake snapshots,
                  @Value("${anshim.ingest.max-in-flight-per-connection:1000}") int perConnection,
                  @Value("${anshim.ingest.channel-read-ahead:4096}") int channelReadAhead, MeterRegistry meters) {
        this.ingest = ingest;
        this.heartbeats = heartbeats;
        this.snapshots = snapshots;
        this.perConnection = perConnection;
        this.credit = new ChannelCredit(ingest::admittedAtOnce, Math.min(perConnection, channelReadAhead));
        meters.gauge("anshim.ingest.channels.open", credit, ChannelCredit::openChannels);
        meters.gauge("anshim.ingest.channel.credit", credit, ChannelCredit::share);
    }

    @Override
    public RSocket responderFor(Caller caller, String metadataMimeType, RSocket routes) {
        return new DeviceSocket(routes, caller, metadataMimeType, ingest, heartbeats, snapshots,
                new ConnectionBudget(perConnection), credit, sender);
    }

    @Override
    public void destroy() {
        sender.dispose();
    }
}
