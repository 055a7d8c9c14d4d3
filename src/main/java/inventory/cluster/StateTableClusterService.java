package inventory.cluster;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Camel's cluster service over the shared state table ({@code inventory.cluster=dynamodb}, the default with
 * {@code inventory.state.table}): every replica already reaches that table, so leadership needs no shared folder and
 * no Kubernetes API, and two replicas can never each elect themselves for want of a store they both see. The
 * {@code master:} endpoint asks it as it asks Camel's file or Kubernetes services. One lease item per namespace and
 * inventory table ({@link LeaseItem}); the election itself is {@link StateTableClusterView}.
 *
 * <p>Written here rather than taken from AWS's {@code dynamodb-lock-client}: that library would still need this
 * Camel adapter around it, and the stream's alerts are fenced by a term that only grows (see
 * {@code inventory.alerts.TableAlertClaims}), which its random record versions cannot give.
 */
public final class StateTableClusterService extends AbstractCamelClusterService<StateTableClusterView> {

    private final DynamoDbClient dynamoDb;
    private final String stateTable;
    private final String scope;
    private final Duration leaseDuration;
    private final Duration renewInterval;
    private final String memberId;

    /**
     * @param scope    the inventory table: instances of pipelines on other tables may share the state table and elect
     *                 their own readers
     * @param memberId this instance, as the lease's owner names it ({@link InstanceName})
     */
    public StateTableClusterService(DynamoDbClient dynamoDb, String stateTable, String scope, Duration leaseDuration,
                                    Duration renewInterval, String memberId) {
        this.dynamoDb = dynamoDb;
        this.stateTable = stateTable;
        this.scope = scope;
        this.leaseDuration = leaseDuration;
        this.renewInterval = renewInterval;
        this.memberId = memberId;
        setId("inventory-state-table-lease");
    }

    @Override
    protected StateTableClusterView createView(String namespace) {
        return new StateTableClusterView(this, namespace);
    }

    /** Why no instance can be elected in some namespace (an unreadable lease item), if so. */
    public Optional<String> problem() {
        return getNamespaces().stream().map(ns -> {
            try {
                return getView(ns).unwrap(StateTableClusterView.class).problem();
            } catch (Exception e) {
                return null;
            }
        }).filter(Objects::nonNull).findFirst();
    }

    public String memberId() {
        return memberId;
    }

    String leaseId(String namespace) {
        return "lease#" + namespace + "#" + scope;
    }

    DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    String stateTable() {
        return stateTable;
    }

    Duration leaseDuration() {
        return leaseDuration;
    }

    Duration renewInterval() {
        return renewInterval;
    }
}
