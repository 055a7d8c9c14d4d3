package inventory.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One election (a {@code master:} namespace) over a {@link LeaseItem}, on one thread that looks every renew interval.
 * The leader renews by changing the item's {@code rvn} on the condition that it is still the one it wrote; the others
 * take over only after seeing the same {@code rvn} unchanged for a whole lease, or at once when it was released.
 * Durations only, measured on this instance's monotonic clock: no two clocks are ever compared. A leader whose
 * renewals have all failed for a lease (DynamoDB unreachable, or the process was frozen) steps down by itself before
 * anyone can have taken over, since the others started counting only after its last renewal.
 *
 * <p>Leadership events go out on a thread of their own: starting or stopping the stream consumer never delays a
 * renewal.
 */
final class StateTableClusterView extends AbstractCamelClusterView {

    private static final Logger LOG = LoggerFactory.getLogger(StateTableClusterView.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final StateTableClusterService service;
    private final Leases leases;
    private final Member local;
    private ScheduledExecutorService ticker;
    private ExecutorService events;

    private volatile boolean leader;
    private volatile long validUntil;
    private volatile String leaderId;
    private volatile String problem;
    private String rvn;
    private long term;
    private String observedRvn;
    private long observedSince;
    private long observedLeaseNanos;
    private long lastWarning = System.nanoTime() - WARN_EVERY_NANOS;

    StateTableClusterView(StateTableClusterService service, String namespace) {
        super(service, namespace);
        this.service = service;
        this.leases = new Leases(service.dynamoDb(), service.stateTable(), service.leaseId(namespace));
        this.local = new Member(service.memberId(), true);
    }

    @Override
    protected void doStart() {
        ticker = getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "lease-" + getNamespace());
        events = getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this, "leadership-" + getNamespace());
        ticker.scheduleWithFixedDelay(this::tick, 0, service.renewInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        getCamelContext().getExecutorServiceManager().shutdownNow(ticker);
        if (leader) {
            leader = false;
            leases.release(rvn);
            LOG.info("Leadership of {} released: {} (term {}) stopped", leases.id(), local.getId(), term);
            fire();
        }
        getCamelContext().getExecutorServiceManager().shutdownGraceful(events);
    }

    @Override
    public Optional<CamelClusterMember> getLeader() {
        if (isLeader()) {
            return Optional.of(local);
        }
        String id = leaderId;
        return id == null || id.equals(local.getId()) ? Optional.empty() : Optional.of(new Member(id, false));
    }

    @Override
    public CamelClusterMember getLocalMember() {
        return local;
    }

    @Override
    public List<CamelClusterMember> getMembers() {
        List<CamelClusterMember> members = new ArrayList<>(List.of(local));
        getLeader().filter(m -> !m.isLocal()).ifPresent(members::add);
        return members;
    }

    /** Why no instance can be elected (an unreadable lease item), or null. */
    String problem() {
        return problem;
    }

    private boolean isLeader() {
        return leader && System.nanoTime() - validUntil < 0;
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            if (leader && now - validUntil >= 0) {
                stepDown("no renewal succeeded within the lease (" + service.leaseDuration().toMillis()
                        + " ms): DynamoDB unreachable or this process paused; another instance may take over");
            } else if (leader) {
                renew(now);
            } else {
                look(now);
            }
        } catch (LeaseItem.Unreadable e) {
            String message = "The lease item " + leases.id() + " in DynamoDB table " + service.stateTable() + " is unreadable ("
                    + e.getMessage() + "): no instance reads the stream until it is fixed. Delete it to reset (aws dynamodb "
                    + "delete-item --table-name " + service.stateTable() + " --key '{\"id\":{\"S\":\"" + leases.id() + "\"}}'); "
                    + "the next look elects a reader";
            if (!message.equals(problem)) {
                LOG.error(message);
            }
            problem = message;
        } catch (SdkException e) {
            warn("Cannot " + (leader ? "renew" : "look at") + " the lease " + leases.id() + " in DynamoDB table "
                    + service.stateTable() + " (" + e.getMessage() + ")" + (leader ? ": still the leader for "
                    + TimeUnit.NANOSECONDS.toMillis(validUntil - System.nanoTime()) + " ms unless a renewal succeeds" : ""));
        } catch (RuntimeException e) {
            LOG.warn("Election of {} failed this round", leases.id(), e);
        }
    }

    private void renew(long now) {
        String next = newRvn();
        try {
            leases.renew(rvn, local.getId(), next, service.leaseDuration().toMillis());
            rvn = next;
            validUntil = now + service.leaseDuration().toNanos();
            problem = null;
        } catch (ConditionalCheckFailedException e) {
            stepDown("another instance took the lease over (" + leases.describe(e) + ")");
        }
    }

    private void look(long now) {
        Map<String, AttributeValue> item = leases.read();
        if (item == null) {
            problem = null;
            take(now, null, "no instance held it");
            return;
        }
        LeaseItem lease = LeaseItem.of(item);
        problem = null;
        if (lease.released()) {
            take(now, lease, lease.owner() + " released it");
        } else if (lease.owner().equals(local.getId())) {
            take(now, lease, "its own lease, which no other instance took over while it could not renew");
        } else if (!lease.rvn().equals(observedRvn)) {
            observedRvn = lease.rvn();
            observedSince = now;
            observedLeaseNanos = TimeUnit.MILLISECONDS.toNanos(lease.leaseMs());
            leaderId = lease.owner();
        } else if (now - observedSince >= observedLeaseNanos) {
            take(now, lease, lease.owner() + " (term " + lease.term() + ") did not renew it for "
                    + TimeUnit.NANOSECONDS.toMillis(now - observedSince) + " ms");
        }
    }

    /** Takes the lease when it is still as seen ({@code seen} null: when there is none); someone faster wins. */
    private void take(long now, LeaseItem seen, String why) {
        String next = newRvn();
        long nextTerm = seen == null ? 1 : seen.term() + 1;
        try {
            leases.take(seen == null ? null : seen.rvn(), local.getId(), nextTerm, next, service.leaseDuration().toMillis());
        } catch (ConditionalCheckFailedException e) {
            observedRvn = null; // another instance was faster: watch its lease from now on
            return;
        }
        rvn = next;
        term = nextTerm;
        validUntil = now + service.leaseDuration().toNanos();
        leader = true;
        leaderId = local.getId();
        observedRvn = null;
        LOG.info("Leadership of {} taken by {} (term {}): {}", leases.id(), local.getId(), term, why);
        fire();
    }

    private void stepDown(String why) {
        leader = false;
        observedRvn = null;
        LOG.warn("Leadership of {} lost by {} (term {}): {}", leases.id(), local.getId(), term, why);
        fire();
    }

    private void fire() {
        Optional<CamelClusterMember> now = getLeader();
        events.execute(() -> fireLeadershipChangedEvent(now));
    }

    private void warn(String message) {
        long now = System.nanoTime();
        if (now - lastWarning >= WARN_EVERY_NANOS) {
            lastWarning = now;
            LOG.warn(message);
        } else {
            LOG.debug(message);
        }
    }

    private static String newRvn() {
        return UUID.randomUUID().toString();
    }

    /** This instance, or the leader another instance said it is. */
    private final class Member implements CamelClusterMember {
        private final String id;
        private final boolean isLocal;

        Member(String id, boolean isLocal) {
            this.id = id;
            this.isLocal = isLocal;
        }

        @Override
        public boolean isLeader() {
            return isLocal ? StateTableClusterView.this.isLeader() : id.equals(leaderId);
        }

        @Override
        public boolean isLocal() {
            return isLocal;
        }

        @Override
        public String getId() {
            return id;
        }
    }
}
