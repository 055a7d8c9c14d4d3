package sandbox.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** AWS's evaluation of an identity policy: Deny over Allow over the implicit deny, wildcards, conditions. */
class IdentityPolicyTest {

    private static final String OBJECT = "arn:aws:s3:::b/incoming/a.csv";

    private static Decision.Outcome decide(String statements, AccessRequest request) {
        return IdentityPolicy.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}")
                .evaluate(request).outcome();
    }

    private static Decision.Outcome decide(String statements, String action, String resource) {
        return decide(statements, AccessRequest.of(action, resource));
    }

    @Test
    void anExplicitDenyWinsOverAnAllowAndNothingAllowedIsDenied() {
        String allowAll = "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}";
        String denyGet = "{\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}";
        assertThat(decide(allowAll, "s3:GetObject", OBJECT)).isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(decide(allowAll + "," + denyGet, "s3:GetObject", OBJECT)).isEqualTo(Decision.Outcome.EXPLICIT_DENY);
        assertThat(decide(allowAll + "," + denyGet, "s3:PutObject", OBJECT)).isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(decide(denyGet, "s3:PutObject", OBJECT)).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
    }

    @Test
    void actionsMatchCaseInsensitivelyWithWildcardsAndNotActionInverts() {
        String s = "{\"Effect\":\"Allow\",\"Action\":[\"S3:get*\",\"dynamodb:PartiQL?nsert\"],\"Resource\":\"*\"}";
        assertThat(decide(s, "s3:GetObject", OBJECT)).isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(decide(s, "dynamodb:PartiQLInsert", "*")).isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(decide(s, "dynamodb:PartiQLUpdate", "*")).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        assertThat(decide(s, "s3:PutObject", OBJECT)).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        String notAction = "{\"Effect\":\"Allow\",\"NotAction\":\"s3:Delete*\",\"Resource\":\"*\"}";
        assertThat(decide(notAction, "s3:PutObject", OBJECT)).isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(decide(notAction, "s3:DeleteObject", OBJECT)).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
    }

    @Test
    void resourcesMatchCaseSensitivelyWithWildcardsAndNotResourceInverts() {
        String s = "{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::b/incoming/*\"}";
        assertThat(decide(s, "s3:GetObject", OBJECT)).isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(decide(s, "s3:GetObject", "arn:aws:s3:::b/Incoming/a.csv")).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        assertThat(decide(s, "s3:ListBucket", "arn:aws:s3:::b")).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        String stream = "{\"Effect\":\"Allow\",\"Action\":\"dynamodb:GetRecords\","
                + "\"Resource\":\"arn:aws:dynamodb:us-east-1:000000000000:table/inv?/stream/*\"}";
        assertThat(decide(stream, "dynamodb:GetRecords",
                "arn:aws:dynamodb:us-east-1:000000000000:table/inv1/stream/2026-11-24T21:44:17.123"))
                .isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(decide(stream, "dynamodb:GetRecords",
                "arn:aws:dynamodb:us-east-1:000000000000:table/inv12/stream/2026-11-24T21:44:17.123"))
                .isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        String notResource = "{\"Effect\":\"Deny\",\"Action\":\"*\",\"NotResource\":\"arn:aws:s3:::b/*\"},"
                + "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}";
        assertThat(decide(notResource, "s3:GetObject", OBJECT)).isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(decide(notResource, "s3:GetObject", "arn:aws:s3:::other/k")).isEqualTo(Decision.Outcome.EXPLICIT_DENY);
    }

    @Test
    void stringConditionsOnTheListingPrefix() {
        String s = "{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::b\","
                + "\"Condition\":{\"StringEquals\":{\"s3:prefix\":[\"incoming/\",\"reports/\"]}}}";
        assertThat(decide(s, listing("incoming/"))).isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(decide(s, listing("reports/"))).isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(decide(s, listing("processed/"))).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        assertThat(decide(s, AccessRequest.of("s3:ListBucket", "arn:aws:s3:::b")))
                .as("no prefix in the request: the key is absent").isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        String like = "{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::b\","
                + "\"Condition\":{\"StringLike\":{\"S3:Prefix\":\"incoming/*\"}}}";
        assertThat(decide(like, listing("incoming/2026/"))).isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(decide(like, listing("Incoming/"))).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        String ifExists = "{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::b\","
                + "\"Condition\":{\"StringEqualsIfExists\":{\"s3:prefix\":\"incoming/\"}}}";
        assertThat(decide(ifExists, AccessRequest.of("s3:ListBucket", "arn:aws:s3:::b"))).isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(decide(ifExists, listing("x/"))).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        String not = "{\"Effect\":\"Deny\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringNotEquals\":{\"s3:prefix\":\"incoming/\"}}},"
                + "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}";
        assertThat(decide(not, listing("incoming/"))).isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(decide(not, listing("x/"))).isEqualTo(Decision.Outcome.EXPLICIT_DENY);
        assertThat(decide(not, AccessRequest.of("s3:ListBucket", "arn:aws:s3:::b")))
                .as("a negated operator is satisfied by an absent key").isEqualTo(Decision.Outcome.EXPLICIT_DENY);
    }

    @Test
    void arnBoolAndNullConditions() {
        String arn = "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:user/app-*\"}}}";
        assertThat(decide(arn, caller("arn:aws:iam::000000000000:user/app-1"))).isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(decide(arn, caller("arn:aws:iam::000000000000:user/admin"))).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        assertThat(decide(arn, caller("arn:aws:iam::000000000000:role/app-1")))
                .as("ARN parts are matched one by one").isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        String equals = "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":{\"ArnEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::000000000000:user/app-1\"}}}";
        assertThat(decide(equals, caller("arn:aws:iam::000000000000:user/app-1"))).isEqualTo(Decision.Outcome.ALLOWED);
        String secure = "{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}},"
                + "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}";
        assertThat(decide(secure, new AccessRequest("s3:GetObject", OBJECT, Map.of("aws:SecureTransport", "false"))))
                .isEqualTo(Decision.Outcome.EXPLICIT_DENY);
        assertThat(decide(secure, new AccessRequest("s3:GetObject", OBJECT, Map.of("aws:SecureTransport", "true"))))
                .isEqualTo(Decision.Outcome.ALLOWED);
        String isNull = "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":{\"Null\":{\"s3:prefix\":\"false\"}}}";
        assertThat(decide(isNull, listing("a/"))).isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(decide(isNull, AccessRequest.of("s3:ListBucket", "arn:aws:s3:::b"))).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
    }

    @Test
    void aConditionTheSandboxCannotEvaluateFailsClosed() {
        String allow = "{\"Sid\":\"Leading\",\"Effect\":\"Allow\",\"Action\":\"dynamodb:GetItem\",\"Resource\":\"*\","
                + "\"Condition\":{\"ForAllValues:StringEquals\":{\"dynamodb:LeadingKeys\":\"s001\"}}}";
        IdentityPolicy policy = IdentityPolicy.parse("{\"Statement\":" + allow + "}");
        Decision d = policy.evaluate(AccessRequest.of("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:0:table/t"));
        assertThat(d.outcome()).as("an Allow that cannot be evaluated never applies").isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        assertThat(d.unevaluated()).singleElement().asString().contains("statement Leading")
                .contains("ForAllValues:StringEquals");
        assertThat(policy.unevaluatedConditions()).singleElement().asString().contains("Allow");

        String deny = "{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":{\"NumericLessThan\":{\"s3:max-keys\":\"10\"}}},"
                + "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}";
        assertThat(decide(deny, "s3:GetObject", OBJECT)).as("a Deny that cannot be evaluated always applies")
                .isEqualTo(Decision.Outcome.EXPLICIT_DENY);
        String unknownKey = "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:ResourceTag/team\":\"ops\"}}}";
        assertThat(decide(unknownKey, "s3:GetObject", OBJECT)).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
    }

    @Test
    void documentsThatAreNotIdentityPoliciesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> IdentityPolicy.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"*\",\"Resource\":\"*\"}}")).hasMessageContaining("Principal")
                .hasMessageContaining("resource policies");
        assertThatThrownBy(() -> IdentityPolicy.parse("{\"Statement\":{\"Effect\":\"Permit\",\"Action\":\"*\","
                + "\"Resource\":\"*\"}}")).hasMessageContaining("Effect must be Allow or Deny");
        assertThatThrownBy(() -> IdentityPolicy.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\"}}"))
                .hasMessageContaining("exactly one of Resource and NotResource");
        assertThatThrownBy(() -> IdentityPolicy.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
                + "\"Resource\":\"arn:aws:s3:::${aws:username}/*\"}}")).hasMessageContaining("policy variable");
        assertThatThrownBy(() -> IdentityPolicy.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"GetObject\","
                + "\"Resource\":\"*\"}}")).hasMessageContaining("is not an action");
        assertThatThrownBy(() -> IdentityPolicy.parse("[1]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> IdentityPolicy.parse("{\"Statement\":[]}")).hasMessageContaining("no Statement");
    }

    private static AccessRequest listing(String prefix) {
        return new AccessRequest("s3:ListBucket", "arn:aws:s3:::b", Map.of("s3:prefix", prefix));
    }

    private static AccessRequest caller(String arn) {
        return new AccessRequest("s3:GetObject", OBJECT, Map.of("aws:PrincipalArn", arn));
    }
}
