package inventory.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import inventory.resources.StateTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sandbox.SandboxExtension;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The election over the state table, with the real SDK against the sandbox: instances in one JVM, each a CamelContext
 * with its own service and DynamoDB client. A "frozen" instance is one whose client holds every request (as a
 * SIGSTOPped process or a partition would): its lease runs out, it must know so before anyone takes over.
 */
class StateTableClusterServiceTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    private static final String STATE = "election-state";
    private static final String NAMESPACE = "inventory-stream-reader";
    private static final Duration LEASE = Duration.ofMillis(1500);
    private static final Duration RENEW = Duration.ofMillis(300);
    private static DynamoDbClient admin;
    private final List<Instance> instances = new ArrayList<>();

    @BeforeAll
    static void createStateTable() {
        admin = SandboxTestSupport.dynamodb(sandbox.endpoint());
        new StateTable(admin, STATE, Duration.ofSeconds(10)).create();
    }

    /** One instance: its context, service, view, a client that can be frozen, and what it was told. */
    private static final class Instance implements AutoCloseable {
        final DefaultCamelContext context = new DefaultCamelContext();
        final StateTableClusterService service;
        final CamelClusterView view;
        final Freezable freezable = new Freezable();
        final List<Boolean> events = new CopyOnWriteArrayList<>();

        Instance(String scope) throws Exception {
            DynamoDbClient client = DynamoDbClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(SandboxTestSupport.credentials())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(freezable)).build();
            service = new StateTableClusterService(client, STATE, scope, LEASE, RENEW, InstanceName.create());
            context.addService(service);
            context.start();
            view = service.getView(NAMESPACE);
            view.addEventListener((CamelClusterEventListener.Leadership) (v, leader) ->
                    events.add(v.getLocalMember().isLeader()));
        }

        boolean leads() {
            return view.getLocalMember().isLeader();
        }

        @Override
        public void close() {
            freezable.thaw();
            context.stop();
        }
    }

    /** Holds every request of one client while frozen, as a paused process would. */
    private static final class Freezable implements ExecutionInterceptor {
        private final AtomicReference<CountDownLatch> gate = new AtomicReference<>();

        void freeze() {
            gate.set(new CountDownLatch(1));
        }

        void thaw() {
            CountDownLatch g = gate.getAndSet(null);
            if (g != null) {
                g.countDown();
            }
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            CountDownLatch g = gate.get();
            if (g != null) {
                try {
                    g.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private Instance start(String scope) throws Exception {
        Instance i = new Instance(scope);
        instances.add(i);
        return i;
    }

    @AfterEach
    void stopAll() {
        instances.forEach(Instance::close);
    }

    private static Map<String, AttributeValue> lease(String scope) {
        return admin.getItem(g -> g.tableName(STATE).consistentRead(true)
                .key(Map.of("id", AttributeValue.fromS("lease#" + NAMESPACE + "#" + scope)))).item();
    }

    @Test
    void oneOfTwoInstancesLeadsAndTheOtherTakesOverAtOnceWhenTheLeaderStops() throws Exception {
        Instance a = start("t1");
        await().atMost(Duration.ofSeconds(10)).until(a::leads);
        Instance b = start("t1");
        await().during(Duration.ofMillis(LEASE.toMillis() * 2)).atMost(Duration.ofSeconds(10))
                .until(() -> a.leads() && !b.leads());
        assertThat(lease("t1").get("term").n()).isEqualTo("1");

        a.close(); // releases: b need not wait for the lease to run out
        long stopped = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).until(b::leads);
        assertThat(Duration.ofNanos(System.nanoTime() - stopped)).as("taken over at the next look, not after a lease")
                .isLessThan(LEASE);
        assertThat(lease("t1").get("term").n()).isEqualTo("2");
        assertThat(lease("t1").get("owner").s()).isEqualTo(b.service.memberId());
    }

    @Test
    void aFrozenLeaderKnowsItLostTheLeaseBeforeAnotherTakesItAndNeverTwoLeadAtOnce() throws Exception {
        Instance a = start("t2");
        await().atMost(Duration.ofSeconds(10)).until(a::leads);
        Instance b = start("t2");
        AtomicInteger bothLead = new AtomicInteger();
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                if (a.leads() && b.leads()) {
                    bothLead.incrementAndGet();
                }
                Thread.onSpinWait();
            }
        });
        watcher.start();
        try {
            a.freezable.freeze(); // its renewals hang: the lease runs out
            await().atMost(Duration.ofSeconds(15)).until(b::leads);
            assertThat(a.leads()).as("the frozen one no longer counts itself leader").isFalse();
            a.freezable.thaw(); // its renewal goes out late, finds the lease taken, and it steps down
            await().atMost(Duration.ofSeconds(10)).until(() -> a.events.contains(false));
            await().during(Duration.ofMillis(LEASE.toMillis() * 2)).atMost(Duration.ofSeconds(10))
                    .until(() -> b.leads() && !a.leads());
        } finally {
            watcher.interrupt();
            watcher.join();
        }
        assertThat(bothLead.get()).as("moments when both counted themselves leader").isZero();
        assertThat(lease("t2").get("term").n()).isEqualTo("2");
    }

    @Test
    void aLeaseItemEditedToGarbageStopsTheElectionWithAClearProblemUntilItIsDeleted() throws Exception {
        admin.putItem(p -> p.tableName(STATE).item(Map.of("id", AttributeValue.fromS("lease#" + NAMESPACE + "#t3"),
                "owner", AttributeValue.fromS("someone"), "rvn", AttributeValue.fromS("r1"),
                "leaseMs", AttributeValue.fromN("1000"), "term", AttributeValue.fromS("three"))));
        Instance a = start("t3");
        await().atMost(Duration.ofSeconds(10)).until(() -> a.service.problem().isPresent());
        assertThat(a.service.problem().get()).contains("lease#inventory-stream-reader#t3").contains(STATE)
                .contains("term is missing or not a number (N)").contains("aws dynamodb delete-item");
        assertThat(a.leads()).isFalse();

        admin.deleteItem(d -> d.tableName(STATE).key(Map.of("id", AttributeValue.fromS("lease#" + NAMESPACE + "#t3"))));
        await().atMost(Duration.ofSeconds(10)).until(a::leads);
        assertThat(a.service.problem()).isEmpty();
    }

    @Test
    void pipelinesOnOtherTablesElectTheirOwnReaders() throws Exception {
        Instance a = start("t4");
        Instance b = start("t5");
        await().atMost(Duration.ofSeconds(10)).until(() -> a.leads() && b.leads());
    }
}
