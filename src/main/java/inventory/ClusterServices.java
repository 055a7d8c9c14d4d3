package inventory;

import inventory.InventorySettings.Cluster;
import inventory.cluster.StateTableClusterService;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Camel cluster service that elects the one instance reading the stream (the alert route's {@code master:}
 * endpoint asks it).
 * <ul>
 * <li>{@code dynamodb}: {@link StateTableClusterService}, a lease item in the state table every instance shares.</li>
 * <li>{@code kubernetes}: {@link KubernetesClusterService} with a {@code coordination.k8s.io} Lease (see the RBAC in
 *     deploy/camel-k), Camel's defaults: a 15 s lease, renewed every 2 s, each pod named by its HOSTNAME.</li>
 * <li>{@code file}: {@link FileLockClusterService}, an OS lock on a file in {@code inventory.cluster.file.root}, a
 *     folder the instances share (one machine, or a shared volume). The leader also writes a heartbeat into the folder
 *     every second; the others take over once it is stale (5 missed beats), also after a SIGKILL.</li>
 * <li>{@code none}: no election; this instance reads the stream, so only one may run.</li>
 * </ul>
 * Whichever elects, the alerts are fenced in the state table (a new reader's term outranks the claims of any older
 * one), so two instances that both believe they lead cannot both publish an alert they have claimed.
 */
final class ClusterServices {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterServices.class);

    private ClusterServices() {
    }

    static Optional<CamelClusterService> of(InventorySettings settings, DynamoDbClient dynamoDb, String instance) {
        Cluster cluster = settings.cluster();
        switch (cluster.kind()) {
            case DYNAMODB -> {
                return Optional.of(new StateTableClusterService(dynamoDb, settings.stateTable(), settings.table(),
                        cluster.leaseDuration(), cluster.renewInterval(), instance));
            }
            case FILE -> {
                FileLockClusterService file = new FileLockClusterService();
                file.setId("inventory-file-lock");
                file.setRoot(cluster.fileRoot().toAbsolutePath().toString());
                file.setAcquireLockInterval(1, TimeUnit.SECONDS);
                file.setAcquireLockDelay(1, TimeUnit.SECONDS);
                return Optional.of(file);
            }
            case KUBERNETES -> {
                KubernetesClusterService kubernetes = new KubernetesClusterService();
                kubernetes.setId("inventory-lease");
                if (!cluster.kubernetesNamespace().isEmpty()) {
                    kubernetes.setKubernetesResourcesNamespace(cluster.kubernetesNamespace()); // the Lease and the pod list; not setNamespace, ignored without a client configuration
                }
                if (!cluster.kubernetesLabels().isEmpty()) {
                    kubernetes.setClusterLabels(cluster.kubernetesLabels()); // members: only the pods with these labels
                }
                return Optional.of(kubernetes);
            }
            default -> {
                LOG.warn("inventory.cluster=none: this instance reads the table's stream without an election. Run exactly "
                        + "one instance per table{}", settings.sharedState() ? " (several instances: leave inventory.cluster "
                        + "empty for dynamodb, or set kubernetes)" : "; with inventory.state.table set, several may run");
                return Optional.empty();
            }
        }
    }
}
