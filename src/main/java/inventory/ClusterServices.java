package inventory;

import inventory.InventorySettings.Cluster;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;

/**
 * The Camel cluster service that elects the one instance reading the stream (the alert route's {@code master:}
 * endpoint asks it): Camel's own, configured here, none written by us.
 * <ul>
 * <li>{@code file}: {@link FileLockClusterService}, an OS lock on a file in a folder the instances share (one
 *     machine, or a shared volume). The leader also writes a heartbeat into the folder every second; the others take
 *     over once it is stale (5 missed beats), also after a SIGKILL.</li>
 * <li>{@code kubernetes}: {@link KubernetesClusterService} with a {@code coordination.k8s.io} Lease (see the RBAC in
 *     deploy/camel-k), Camel's defaults: a 15 s lease, renewed every 2 s, each pod named by its HOSTNAME.</li>
 * </ul>
 */
final class ClusterServices {

    private ClusterServices() {
    }

    static Optional<CamelClusterService> of(Cluster cluster) {
        switch (cluster.kind()) {
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
                return Optional.empty();
            }
        }
    }
}
