package inventory.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inventory.resources.StateTable;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sandbox.SandboxExtension;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Claims fenced by the reader's term, in the state table, against the sandbox with the real SDK. */
class TableAlertClaimsTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    private static final String STATE = "claims-state";
    private static DynamoDbClient ddb;

    @BeforeAll
    static void createStateTable() {
        ddb = SandboxTestSupport.dynamodb(sandbox.endpoint());
        new StateTable(ddb, STATE, Duration.ofSeconds(10)).create();
    }

    private static TableAlertClaims claims(String scope, String owner) {
        return new TableAlertClaims(ddb, STATE, scope, owner, Clock.systemUTC());
    }

    private static Map<String, AttributeValue> item(String id) {
        return ddb.getItem(g -> g.tableName(STATE).consistentRead(true).key(Map.of("id", AttributeValue.fromS(id)))).item();
    }

    @Test
    void anAlertIsClaimedUntilItIsPublishedThenSettledForEveryone() {
        TableAlertClaims a = claims("inv1", "a");
        a.begin();
        assertThat(a.claim("inv1-e1")).isEqualTo(AlertClaims.Claim.CLAIMED);
        assertThat(a.claim("inv1-e1")).as("claimed again by the same reader (a retry)").isEqualTo(AlertClaims.Claim.CLAIMED);
        a.published("inv1-e1");
        assertThat(a.claim("inv1-e1")).isEqualTo(AlertClaims.Claim.SETTLED);
        assertThat(item("alert#inv1-e1")).containsKeys("publishedAt", "claimTerm", "claimedBy", "expiresAt");

        TableAlertClaims b = claims("inv1", "b");
        b.begin();
        assertThat(b.claim("inv1-e1")).as("published stays published for the next reader").isEqualTo(AlertClaims.Claim.SETTLED);
        assertThatThrownBy(() -> a.claim("inv1-e2")).as("not any more: b began").isInstanceOf(FencedOutException.class);
    }

    @Test
    void aNewReaderFencesTheOldOneOutAndTakesOverWhatItClaimedButNeverSent() {
        TableAlertClaims old = claims("inv2", "old");
        old.begin();
        assertThat(old.claim("inv2-e1")).isEqualTo(AlertClaims.Claim.CLAIMED); // then it froze before publishing
        TableAlertClaims successor = claims("inv2", "new");
        successor.begin();
        assertThat(item("reader#inv2").get("term").n()).isEqualTo("2");

        assertThat(successor.claim("inv2-e1")).as("claimed by an ended term: taken over").isEqualTo(AlertClaims.Claim.CLAIMED);
        assertThatThrownBy(() -> old.claim("inv2-e2")).isInstanceOf(FencedOutException.class)
                .hasMessageContaining("reader term 2").hasMessageContaining("new");
        assertThat(old.active()).isFalse();
        assertThatThrownBy(old::confirm).isInstanceOf(FencedOutException.class);
        successor.confirm();
        assertThat(item("alert#inv2-e2")).as("a fenced claim writes nothing").isNullOrEmpty();
    }

    @Test
    void aDeadLetteredAlertIsSettledToo() {
        TableAlertClaims a = claims("inv3", "a");
        a.begin();
        a.claim("inv3-e1");
        a.deadLettered("inv3-e1");
        assertThat(a.claim("inv3-e1")).isEqualTo(AlertClaims.Claim.SETTLED);
        assertThat(item("alert#inv3-e1")).containsKey("deadLetteredAt");
    }

    @Test
    void aStoppedReaderClaimsNothing() {
        TableAlertClaims a = claims("inv4", "a");
        assertThatThrownBy(() -> a.claim("inv4-e1")).as("before its turn").isInstanceOf(FencedOutException.class);
        a.begin();
        a.end();
        assertThatThrownBy(() -> a.claim("inv4-e1")).isInstanceOf(FencedOutException.class);
    }

    @Test
    void aFenceItemEditedToGarbageStopsTheStartWithWhatToDo() {
        ddb.putItem(p -> p.tableName(STATE).item(Map.of("id", AttributeValue.fromS("reader#inv5"),
                "term", AttributeValue.fromS("two"))));
        assertThatThrownBy(() -> claims("inv5", "a").begin()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reader#inv5").hasMessageContaining("aws dynamodb delete-item");
    }

    @Test
    void aMissingStateTableIsRetryableNotFatal() {
        TableAlertClaims lost = new TableAlertClaims(ddb, "no-such-state", "inv6", "a", Clock.systemUTC());
        assertThatThrownBy(lost::begin).isInstanceOf(AlertLogUnavailableException.class).hasMessageContaining("no-such-state");
    }
}
