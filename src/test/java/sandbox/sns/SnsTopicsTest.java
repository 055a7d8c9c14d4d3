package sandbox.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static sandbox.sns.SnsAssertions.snsError;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.ListTopicsResponse;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Tag;
import software.amazon.awssdk.services.sns.model.Topic;

class SnsTopicsTest extends SandboxTestSupport {

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createTopicIsIdempotentAndNamesTheArnAfterRegionAndAccount() {
        SnsClient sns = sns();
        String name = unique("stock-alerts");
        String arn = sns.createTopic(b -> b.name(name)).topicArn();
        assertThat(arn).isEqualTo("arn:aws:sns:us-east-1:000000000000:" + name);
        assertThat(sns.createTopic(b -> b.name(name)).topicArn()).isEqualTo(arn);
        assertThat(sns.createTopic(b -> b.name(name).attributes(Map.of())).topicArn()).isEqualTo(arn);
    }

    @Test
    void createTopicWithDifferentAttributesIsRejected() {
        SnsClient sns = sns();
        String name = unique("alerts");
        sns.createTopic(b -> b.name(name).attributes(Map.of("DisplayName", "Stock")));
        assertThat(sns.createTopic(b -> b.name(name).attributes(Map.of("DisplayName", "Stock"))).topicArn())
                .endsWith(name);
        snsError(() -> sns.createTopic(b -> b.name(name).attributes(Map.of("DisplayName", "Other"))), 400,
                "InvalidParameter", "Invalid parameter: Attributes Reason: Topic already exists with different attributes");
        String plain = unique("plain");
        sns.createTopic(b -> b.name(plain));
        snsError(() -> sns.createTopic(b -> b.name(plain).attributes(Map.of("DisplayName", "x"))), 400,
                "InvalidParameter", "Invalid parameter: Attributes Reason: Topic already exists with different attributes");
    }

    @Test
    void createTopicWithDifferentTagsIsRejected() {
        SnsClient sns = sns();
        String name = unique("tagged");
        sns.createTopic(b -> b.name(name).tags(Tag.builder().key("team").value("ops").build()));
        snsError(() -> sns.createTopic(b -> b.name(name).tags(Tag.builder().key("team").value("dev").build())), 400,
                "InvalidParameter", "Invalid parameter: Tags Reason: Topic already exists with different tags");
    }

    @Test
    void topicNamesMustBeOneTo256LettersDigitsHyphensOrUnderscores() {
        SnsClient sns = sns();
        for (String bad : new String[] {"", "has space", "dot.name", "a".repeat(257), "slash/x", "émoji"}) {
            snsError(() -> sns.createTopic(b -> b.name(bad)), 400, "InvalidParameter", "Invalid parameter: Topic Name");
        }
        assertThat(sns.createTopic(b -> b.name("a".repeat(256))).topicArn()).endsWith("a".repeat(256));
        assertThat(sns.createTopic(b -> b.name("Under_score-9")).topicArn()).endsWith(":Under_score-9");
    }

    @Test
    void fifoTopicsNeedTheSuffixAndTheAttributeTogether() {
        SnsClient sns = sns();
        String base = unique("orders");
        snsError(() -> sns.createTopic(b -> b.name(base + ".fifo")), 400, "InvalidParameter",
                "Invalid parameter: Topic Name");
        snsError(() -> sns.createTopic(b -> b.name(base).attributes(Map.of("FifoTopic", "true"))), 400,
                "InvalidParameter", "Invalid parameter: Topic Name");
        String arn = sns.createTopic(b -> b.name(base + ".fifo").attributes(Map.of("FifoTopic", "true",
                "ContentBasedDeduplication", "true"))).topicArn();
        Map<String, String> attrs = sns.getTopicAttributes(b -> b.topicArn(arn)).attributes();
        assertThat(attrs).containsEntry("FifoTopic", "true").containsEntry("ContentBasedDeduplication", "true");
        snsError(() -> sns.createTopic(b -> b.name(unique("std")).attributes(Map.of("ContentBasedDeduplication",
                "true"))), 400, "InvalidParameter", null);
        snsError(() -> sns.setTopicAttributes(b -> b.topicArn(arn).attributeName("FifoTopic").attributeValue("false")),
                400, "InvalidParameter", "Invalid parameter: AttributeName");
    }

    @Test
    void getTopicAttributesReturnsAwsDefaults() {
        SnsClient sns = sns();
        String arn = sns.createTopic(b -> b.name(unique("defaults"))).topicArn();
        Map<String, String> attrs = sns.getTopicAttributes(b -> b.topicArn(arn)).attributes();
        assertThat(attrs).containsEntry("TopicArn", arn).containsEntry("Owner", "000000000000")
                .containsEntry("DisplayName", "").containsEntry("SubscriptionsConfirmed", "0")
                .containsEntry("SubscriptionsPending", "0").containsEntry("SubscriptionsDeleted", "0")
                .containsKeys("Policy", "EffectiveDeliveryPolicy").doesNotContainKey("FifoTopic");
        assertThat(attrs.get("Policy")).contains("\"Resource\":\"" + arn + "\"");
        assertThat(attrs.get("EffectiveDeliveryPolicy")).contains("\"numRetries\":3");
    }

    @Test
    void setTopicAttributesChangesKnownAttributesAndRejectsOthers() {
        SnsClient sns = sns();
        String arn = sns.createTopic(b -> b.name(unique("settable"))).topicArn();
        sns.setTopicAttributes(b -> b.topicArn(arn).attributeName("DisplayName").attributeValue("Stock Alerts"));
        assertThat(sns.getTopicAttributes(b -> b.topicArn(arn)).attributes()).containsEntry("DisplayName",
                "Stock Alerts");
        snsError(() -> sns.setTopicAttributes(b -> b.topicArn(arn).attributeName("Colour").attributeValue("red")), 400,
                "InvalidParameter", "Invalid parameter: AttributeName");
        snsError(() -> sns.setTopicAttributes(b -> b.topicArn(arn).attributeName("Policy").attributeValue("{oops")),
                400, "InvalidParameter", "Invalid parameter: Policy: failed to parse JSON.");
        snsError(() -> sns.setTopicAttributes(b -> b.topicArn(arn).attributeName("SignatureVersion")
                .attributeValue("3")), 400, "InvalidParameter", null);
    }

    @Test
    void unknownTopicIsNotFoundAndMalformedArnIsInvalid() {
        SnsClient sns = sns();
        snsError(() -> sns.getTopicAttributes(b -> b.topicArn("arn:aws:sns:us-east-1:000000000000:nope")), 404,
                "NotFound", "Topic does not exist");
        assertThat(catchNotFound(sns)).isInstanceOf(NotFoundException.class);
        snsError(() -> sns.getTopicAttributes(b -> b.topicArn("not-an-arn")), 400, "InvalidParameter",
                "Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1");
        snsError(() -> sns.getTopicAttributes(b -> b.topicArn("arn:aws:sns:eu-west-1:000000000000:x")), 400,
                "InvalidParameter", "Invalid parameter: TopicArn");
    }

    private static Throwable catchNotFound(SnsClient sns) {
        try {
            sns.publish(b -> b.topicArn("arn:aws:sns:us-east-1:000000000000:missing").message("m"));
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Test
    void deleteTopicIsIdempotentAndDeletesItsSubscriptions() {
        SnsClient sns = sns();
        String arn = sns.createTopic(b -> b.name(unique("doomed"))).topicArn();
        String sub = sns.subscribe(b -> b.topicArn(arn).protocol("sms").endpoint("+15555550123")).subscriptionArn();
        sns.deleteTopic(b -> b.topicArn(arn));
        sns.deleteTopic(b -> b.topicArn(arn));
        assertThat(sns.listTopics().topics()).extracting(Topic::topicArn).doesNotContain(arn);
        snsError(() -> sns.getSubscriptionAttributes(b -> b.subscriptionArn(sub)), 404, "NotFound",
                "Subscription does not exist");
        assertThat(sns.listSubscriptions().subscriptions()).noneMatch(s -> s.topicArn().equals(arn));
        snsError(() -> sns.deleteTopic(b -> b.topicArn("bad")), 400, "InvalidParameter", null);
    }

    @Test
    void listTopicsPagesByHundredWithNextToken() {
        SnsClient sns = sns();
        String prefix = unique("page");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            created.add(sns.createTopic(b -> b.name(prefix + "-" + created.size())).topicArn());
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListTopicsResponse page = sns.listTopics(b -> b.nextToken(t));
            assertThat(page.topics()).hasSizeLessThanOrEqualTo(100);
            page.topics().forEach(topic -> seen.add(topic.topicArn()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(seen).doesNotHaveDuplicates().containsAll(created);
        List<String> paginated = new ArrayList<>();
        sns.listTopicsPaginator().topics().forEach(t -> paginated.add(t.topicArn()));
        assertThat(paginated).containsExactlyElementsOf(seen);
        snsError(() -> sns.listTopics(b -> b.nextToken("%%%")), 400, "InvalidParameter", "Invalid parameter: NextToken");
    }

    @Test
    void tagsCanBeAddedListedAndRemoved() {
        SnsClient sns = sns();
        String arn = sns.createTopic(b -> b.name(unique("tags"))).topicArn();
        sns.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("env").value("dev").build(),
                Tag.builder().key("team").value("ops").build()));
        sns.untagResource(b -> b.resourceArn(arn).tagKeys("env"));
        assertThat(sns.listTagsForResource(b -> b.resourceArn(arn)).tags())
                .containsExactly(Tag.builder().key("team").value("ops").build());
        snsError(() -> sns.listTagsForResource(b -> b.resourceArn("arn:aws:sns:us-east-1:000000000000:none")), 404,
                "ResourceNotFound", "Resource does not exist");
    }

    @Test
    void missingRequiredParameterIsAValidationError() {
        snsError(() -> sns().createTopic(b -> { }), 400, "ValidationError",
                "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void unknownOrMissingActionIsInvalidActionInSnsXml() throws Exception {
        HttpResponse<String> unknown = post("Action=FlyToTheMoon&Version=2010-03-31");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">")
                .contains("<Type>Sender</Type>").contains("<Code>InvalidAction</Code>")
                .contains("Could not find operation FlyToTheMoon for version 2010-03-31").contains("<RequestId>");
        HttpResponse<String> missing = post("Version=2010-03-31&Name=x");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("<Code>InvalidAction</Code>");
        HttpResponse<String> notServed = post("Action=CreatePlatformApplication&Version=2010-03-31");
        assertThat(notServed.body()).contains("<Code>InvalidAction</Code>").contains("does not implement");
    }

    @Test
    void echoedTextIsXmlEscaped() throws Exception {
        HttpResponse<String> r = post("Action=CreateTopic&Version=2010-03-31&Name=" + java.net.URLEncoder.encode(
                "<b>&'\"", java.nio.charset.StandardCharsets.UTF_8) + "&Attributes.entry.1.key=X%3Cy%3E"
                + "&Attributes.entry.1.value=1");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).doesNotContain("<b>");
        HttpResponse<String> lookup = post("Action=GetTopicAttributes&Version=2010-03-31&TopicArn="
                + java.net.URLEncoder.encode("<x>&", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(lookup.body()).doesNotContain("<x>");
        String arn = sns().createTopic(b -> b.name(unique("esc"))).topicArn();
        sns().setTopicAttributes(b -> b.topicArn(arn).attributeName("DisplayName").attributeValue("A & <B>"));
        assertThat(sns().getTopicAttributes(b -> b.topicArn(arn)).attributes()).containsEntry("DisplayName", "A & <B>");
    }

    @Test
    void invalidParameterExceptionIsTheSdkTypeForBadNames() {
        assertThat(catchThrowableOfType(() -> sns().createTopic(b -> b.name("bad name")),
                InvalidParameterException.class)).isNotNull();
    }

    private static <T extends Throwable> T catchThrowableOfType(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Class<T> type) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(type, call);
    }

    private static HttpResponse<String> post(String form) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
