package sandbox.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static sandbox.sns.SnsAssertions.snsError;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import sandbox.SandboxTestSupport;
import sandbox.core.Json;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishResponse;

class SnsPublishTest extends SandboxTestSupport {

    private static String topic(SnsClient sns) {
        return sns.createTopic(b -> b.name("pub-" + UUID.randomUUID().toString().substring(0, 8))).topicArn();
    }

    private static MessageAttributeValue string(String v) {
        return MessageAttributeValue.builder().dataType("String").stringValue(v).build();
    }

    private static MessageAttributeValue attr(String type, String v) {
        return MessageAttributeValue.builder().dataType(type).stringValue(v).build();
    }

    static JsonNode admin(String path) {
        try {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
            return Json.parse(r.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode messages(String topicArn) {
        return admin("/_sandbox/sns/messages?topicArn=" + URLEncoder.encode(topicArn, StandardCharsets.UTF_8));
    }

    static JsonNode deliveries(String subscriptionArn) {
        return admin("/_sandbox/sns/deliveries?subscriptionArn="
                + URLEncoder.encode(subscriptionArn, StandardCharsets.UTF_8));
    }

    @Test
    void publishedMessagesAreListedOldestFirstWithTheirAttributes() {
        SnsClient sns = sns();
        String topic = topic(sns);
        Instant before = Instant.now().minusSeconds(1);
        PublishResponse first = sns.publish(b -> b.topicArn(topic).subject("Stock alert").message("Out of stock: A-1")
                .messageAttributes(Map.of("sku", string("A-1"), "qty", attr("Number", "0"),
                        "blob", MessageAttributeValue.builder().dataType("Binary")
                                .binaryValue(SdkBytes.fromUtf8String("hi")).build())));
        PublishResponse second = sns.publish(b -> b.targetArn(topic).message("Back in stock: A-1"));
        assertThat(first.messageId()).matches("[0-9a-f-]{36}");
        assertThat(first.sequenceNumber()).isNull();

        JsonNode listed = messages(topic);
        assertThat(listed).hasSize(2);
        JsonNode m = listed.get(0);
        assertThat(m.path("messageId").asText()).isEqualTo(first.messageId());
        assertThat(m.path("topicArn").asText()).isEqualTo(topic);
        assertThat(m.path("subject").asText()).isEqualTo("Stock alert");
        assertThat(m.path("message").asText()).isEqualTo("Out of stock: A-1");
        assertThat(m.path("messageAttributes").path("sku").path("dataType").asText()).isEqualTo("String");
        assertThat(m.path("messageAttributes").path("sku").path("stringValue").asText()).isEqualTo("A-1");
        assertThat(m.path("messageAttributes").path("qty").path("dataType").asText()).isEqualTo("Number");
        assertThat(m.path("messageAttributes").path("qty").path("stringValue").asText()).isEqualTo("0");
        assertThat(m.path("messageAttributes").path("blob").path("binaryValue").asText()).isEqualTo("aGk=");
        assertThat(m.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(Instant.parse(m.path("timestamp").asText())).isAfter(before);
        JsonNode second1 = listed.get(1);
        assertThat(second1.path("messageId").asText()).isEqualTo(second.messageId());
        assertThat(second1.get("subject").isNull()).isTrue();
        assertThat(second1.path("messageAttributes").isEmpty()).isTrue();

        JsonNode all = admin("/_sandbox/sns/messages");
        List<String> ids = new ArrayList<>();
        all.forEach(n -> ids.add(n.path("messageId").asText()));
        assertThat(ids).containsSubsequence(first.messageId(), second.messageId());
    }

    @Test
    void deletingTheMessagesEmptiesTheList() throws Exception {
        SnsClient sns = sns();
        String topic = topic(sns);
        sns.publish(b -> b.topicArn(topic).message("one"));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(endpoint + "/_sandbox/sns/messages")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(messages(topic)).isEmpty();
        sns.publish(b -> b.topicArn(topic).message("two"));
        assertThat(messages(topic)).extracting(n -> n.path("message").asText()).containsExactly("two");
    }

    @Test
    void smsSubscribersGetTheMessageRecordedAsAnSms() {
        SnsClient sns = sns();
        String topic = topic(sns);
        String sub = sns.subscribe(b -> b.topicArn(topic).protocol("sms").endpoint("+15555550100")).subscriptionArn();
        String id = sns.publish(b -> b.topicArn(topic).message("Out of stock: B-2")).messageId();
        JsonNode d = Eventually.until("the SMS delivery", () -> deliveries(sub),
                n -> n.size() == 1 && n.get(0).path("status").asText().equals("DELIVERED")).get(0);
        assertThat(d.path("protocol").asText()).isEqualTo("sms");
        assertThat(d.path("endpoint").asText()).isEqualTo("+15555550100");
        assertThat(d.path("messageId").asText()).isEqualTo(id);
        assertThat(d.path("content").asText()).isEqualTo("Out of stock: B-2");
    }

    @Test
    void emailSubscribersGetSubjectAndProtocolSpecificMessage() {
        SnsClient sns = sns();
        String topic = topic(sns);
        String sub = sns.subscribe(b -> b.topicArn(topic).protocol("email").endpoint("ops@example.com")
                .returnSubscriptionArn(true)).subscriptionArn();
        String token = tokenFromConfirmation(sub);
        sns.confirmSubscription(b -> b.topicArn(topic).token(token));
        String smsSub = sns.subscribe(b -> b.topicArn(topic).protocol("sms").endpoint("+15555550111"))
                .subscriptionArn();
        sns.publish(b -> b.topicArn(topic).subject("Low stock").messageStructure("json")
                .message("{\"default\":\"Low stock: C-3\",\"sms\":\"C-3 low\",\"email\":\"Dear ops, C-3 is low.\"}"));
        JsonNode email = Eventually.until("the email", () -> deliveries(sub),
                n -> n.size() == 2 && n.get(1).path("status").asText().equals("DELIVERED")).get(1);
        assertThat(email.path("type").asText()).isEqualTo("Notification");
        assertThat(email.path("content").asText()).isEqualTo("Subject: Low stock\n\nDear ops, C-3 is low.");
        JsonNode sms = Eventually.until("the sms", () -> deliveries(smsSub),
                n -> n.size() == 1 && n.get(0).path("status").asText().equals("DELIVERED")).get(0);
        assertThat(sms.path("content").asText()).isEqualTo("C-3 low");
    }

    static String tokenFromConfirmation(String subscriptionArn) {
        JsonNode c = Eventually.until("the confirmation", () -> deliveries(subscriptionArn),
                n -> n.size() >= 1 && n.get(0).path("status").asText().equals("DELIVERED")).get(0);
        String content = c.path("content").asText();
        return java.net.URLDecoder.decode(content.substring(content.indexOf("Token=") + 6).trim(),
                StandardCharsets.UTF_8);
    }

    @Test
    void pendingSubscriptionsAndFilteredOutMessagesGetNothing() {
        SnsClient sns = sns();
        String topic = topic(sns);
        String pending = sns.subscribe(b -> b.topicArn(topic).protocol("email").endpoint("later@example.com")
                .returnSubscriptionArn(true)).subscriptionArn();
        String errorsOnly = sns.subscribe(b -> b.topicArn(topic).protocol("sms").endpoint("+15555550112")
                .attributes(Map.of("FilterPolicy", "{\"level\":[\"error\"],\"qty\":[{\"numeric\":[\"<\",5]}]}")))
                .subscriptionArn();
        String everything = sns.subscribe(b -> b.topicArn(topic).protocol("sms").endpoint("+15555550113"))
                .subscriptionArn();
        sns.publish(b -> b.topicArn(topic).message("info").messageAttributes(Map.of("level", string("info"),
                "qty", attr("Number", "1"))));
        sns.publish(b -> b.topicArn(topic).message("error, plenty").messageAttributes(Map.of("level",
                string("error"), "qty", attr("Number", "50"))));
        sns.publish(b -> b.topicArn(topic).message("error, few").messageAttributes(Map.of("level", string("error"),
                "qty", attr("Number", "2"))));
        Eventually.until("three deliveries to the unfiltered subscriber", () -> deliveries(everything),
                n -> n.size() == 3 && n.get(2).path("status").asText().equals("DELIVERED"));
        JsonNode filtered = Eventually.until("one delivery to the filtered subscriber", () -> deliveries(errorsOnly),
                n -> n.size() == 1 && n.get(0).path("status").asText().equals("DELIVERED"));
        assertThat(filtered.get(0).path("content").asText()).isEqualTo("error, few");
        assertThat(deliveries(pending)).allMatch(n -> n.path("type").asText().equals("SubscriptionConfirmation"));
    }

    @Test
    void bodyScopedFilterPoliciesLookInsideJsonMessages() {
        SnsClient sns = sns();
        String topic = topic(sns);
        String sub = sns.subscribe(b -> b.topicArn(topic).protocol("sms").endpoint("+15555550114")
                .attributes(Map.of("FilterPolicyScope", "MessageBody",
                        "FilterPolicy", "{\"event\":{\"type\":[\"OUT_OF_STOCK\"]}}"))).subscriptionArn();
        sns.publish(b -> b.topicArn(topic).message("{\"event\":{\"type\":\"RESTOCK\"}}"));
        sns.publish(b -> b.topicArn(topic).message("{\"event\":{\"type\":\"OUT_OF_STOCK\",\"sku\":\"D-4\"}}"));
        JsonNode d = Eventually.until("the matching delivery", () -> deliveries(sub),
                n -> n.size() == 1 && n.get(0).path("status").asText().equals("DELIVERED"));
        assertThat(d.get(0).path("content").asText()).contains("D-4");
    }

    @Test
    void directSmsNeedsAValidPhoneNumber() {
        SnsClient sns = sns();
        String id = sns.publish(b -> b.phoneNumber("+15555550177").message("Your code is 1234")).messageId();
        JsonNode all = admin("/_sandbox/sns/messages");
        JsonNode m = null;
        for (JsonNode n : all) {
            if (n.path("messageId").asText().equals(id)) {
                m = n;
            }
        }
        assertThat(m).isNotNull();
        assertThat(m.get("topicArn").isNull()).isTrue();
        assertThat(m.path("phoneNumber").asText()).isEqualTo("+15555550177");
        Eventually.until("the direct SMS", () -> admin("/_sandbox/sns/deliveries"), n -> {
            for (JsonNode d : n) {
                if (d.path("messageId").asText().equals(id) && d.path("status").asText().equals("DELIVERED")) {
                    return d.path("content").asText().equals("Your code is 1234");
                }
            }
            return false;
        });
        snsError(() -> sns.publish(b -> b.phoneNumber("call me").message("x")), 400, "InvalidParameter",
                "Invalid parameter: PhoneNumber Reason: call me is not valid to publish to");
    }

    @Test
    void publishValidatesTargetSubjectAndMessage() {
        SnsClient sns = sns();
        String topic = topic(sns);
        snsError(() -> sns.publish(b -> b.message("m")), 400, "InvalidParameter",
                "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
        snsError(() -> sns.publish(b -> b.topicArn(topic).message("")), 400, "InvalidParameter",
                "Invalid parameter: Empty message");
        snsError(() -> sns.publish(b -> b.topicArn(topic)), 400, "ValidationError",
                "1 validation error detected: Value null at 'message' failed to satisfy constraint: Member must not be null");
        snsError(() -> sns.publish(b -> b.topicArn(topic + "-none").message("m")), 404, "NotFound",
                "Topic does not exist");
        snsError(() -> sns.publish(b -> b.topicArn("arn:aws:sns:us-east-1").message("m")), 400, "InvalidParameter",
                "Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 4");
        snsError(() -> sns.publish(b -> b.targetArn("bogus").message("m")), 400, "InvalidParameter",
                "Invalid parameter: TargetArn Reason: An ARN must have at least 6 elements, not 1");
        for (String subject : new String[] {"", "two\nlines", "x".repeat(100), " leading space", "tab\there", "€uro"}) {
            snsError(() -> sns.publish(b -> b.topicArn(topic).subject(subject).message("m")), 400, "InvalidParameter",
                    "Invalid parameter: Subject");
        }
        assertThat(sns.publish(b -> b.topicArn(topic).subject("x".repeat(99)).message("m")).messageId()).isNotNull();
        assertThat(sns.publish(b -> b.topicArn(topic).subject("Stock: 5% off! (A-1)").message("m")).messageId())
                .isNotNull();
    }

    @Test
    void messagePlusAttributesMayNotExceed256KiB() {
        SnsClient sns = sns();
        String topic = topic(sns);
        String exactly = "x".repeat(262_144 - "k".length() - "String".length() - "v".length());
        assertThat(sns.publish(b -> b.topicArn(topic).message(exactly).messageAttributes(Map.of("k", string("v"))))
                .messageId()).isNotNull();
        snsError(() -> sns.publish(b -> b.topicArn(topic).message(exactly + "x").messageAttributes(
                Map.of("k", string("v")))), 400, "InvalidParameter", "Invalid parameter: Message too long");
        String multiByte = "é".repeat(131_073);
        snsError(() -> sns.publish(b -> b.topicArn(topic).message(multiByte)), 400, "InvalidParameter",
                "Invalid parameter: Message too long");
    }

    @Test
    void jsonMessageStructureNeedsADefaultEntry() {
        SnsClient sns = sns();
        String topic = topic(sns);
        snsError(() -> sns.publish(b -> b.topicArn(topic).messageStructure("json").message("not json")), 400,
                "InvalidParameter", "Invalid parameter: Message Structure - JSON message body failed to parse");
        snsError(() -> sns.publish(b -> b.topicArn(topic).messageStructure("json").message("{\"sms\":\"x\"}")), 400,
                "InvalidParameter", "Invalid parameter: Message Structure - No default entry in JSON message body");
        snsError(() -> sns.publish(b -> b.topicArn(topic).messageStructure("json").message("{\"default\":1}")), 400,
                "InvalidParameter", "Invalid parameter: Message Structure - No default entry in JSON message body");
        snsError(() -> sns.publish(b -> b.topicArn(topic).messageStructure("xml").message("{\"default\":\"x\"}")),
                400, "InvalidParameter", "Invalid parameter: MessageStructure");
        assertThat(sns.publish(b -> b.topicArn(topic).messageStructure("json").message("{\"default\":\"x\"}"))
                .messageId()).isNotNull();
    }

    @Test
    void messageAttributesFollowAwsRules() {
        SnsClient sns = sns();
        String topic = topic(sns);
        Map<String, MessageAttributeValue> eleven = new HashMap<>();
        for (int i = 0; i < 11; i++) {
            eleven.put("a" + i, string("v"));
        }
        snsError(() -> sns.publish(b -> b.topicArn(topic).message("m").messageAttributes(eleven)), 400,
                "ParameterValueInvalid", "Number of message attributes [11] exceeds the allowed maximum [10].");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> sns.publish(b -> b.topicArn(topic)
                .message("m").messageAttributes(eleven))))
                .as("the SDK maps ParameterValueInvalid to its InvalidParameterValueException")
                .isInstanceOf(software.amazon.awssdk.services.sns.model.InvalidParameterValueException.class);
        Map<String, MessageAttributeValue> ten = new HashMap<>(eleven);
        ten.remove("a10");
        assertThat(sns.publish(b -> b.topicArn(topic).message("m").messageAttributes(ten)).messageId()).isNotNull();

        badAttribute(sns, topic, ".start", string("v"),
                "Invalid message attribute name starting with character '.' was found.");
        badAttribute(sns, topic, "end.", string("v"),
                "Invalid message attribute name ending with character '.' was found.");
        badAttribute(sns, topic, "a..b", string("v"), "Message attribute name can not have successive '.' character.");
        badAttribute(sns, topic, "sp ace", string("v"), "Invalid non-alphanumeric character '#x20' was found in the "
                + "message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.");
        badAttribute(sns, topic, "AWS.trace", string("v"), null);
        badAttribute(sns, topic, "amazon.x", string("v"), null);
        badAttribute(sns, topic, "t", attr("Text", "v"), "The message attribute 't' has an invalid message attribute "
                + "type, the set of supported type prefixes is Binary, Number, and String.");
        badAttribute(sns, topic, "e", string(""),
                "The message attribute 'e' must contain non-empty message attribute value for message attribute type 'String'.");
        badAttribute(sns, topic, "n", attr("Number", "twelve"), "Could not cast message attribute 'n' value to number.");
        badAttribute(sns, topic, "n", attr("Number.int", "1e"), "Could not cast message attribute 'n' value to number.");
        badAttribute(sns, topic, "b", attr("Binary", "abc"),
                "The message attribute 'b' with type 'Binary' must use field 'Binary'.");
        assertThat(sns.publish(b -> b.topicArn(topic).message("m").messageAttributes(Map.of(
                "price", attr("Number.float", "-12.5e3"), "tags", attr("String.Array", "[\"a\",1,true,null]"),
                "my_attr-1.x", attr("String.custom", "ok")))).messageId()).isNotNull();
        badAttribute(sns, topic, "tags", attr("String.Array", "not an array"), null);
    }

    private static void badAttribute(SnsClient sns, String topic, String name, MessageAttributeValue value,
                                     String message) {
        snsError(() -> sns.publish(b -> b.topicArn(topic).message("m").messageAttributes(Map.of(name, value))), 400,
                "ParameterValueInvalid", message);
    }

    @Test
    void standardTopicsRefuseDeduplicationIds() {
        SnsClient sns = sns();
        String topic = topic(sns);
        snsError(() -> sns.publish(b -> b.topicArn(topic).message("m").messageDeduplicationId("d1")), 400,
                "InvalidParameter", "Invalid parameter: MessageDeduplicationId Reason: The request includes "
                        + "MessageDeduplicationId parameter that is not valid for this topic type");
        assertThat(sns.publish(b -> b.topicArn(topic).message("m").messageGroupId("g1")).messageId()).isNotNull();
    }

    @Test
    void publishBatchPublishesEveryEntryInOrder() {
        SnsClient sns = sns();
        String topic = topic(sns);
        PublishBatchResponse r = sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("one").message("first").subject("S1").build(),
                PublishBatchRequestEntry.builder().id("two").message("second")
                        .messageAttributes(Map.of("k", string("v"))).build()));
        assertThat(r.failed()).isEmpty();
        assertThat(r.successful()).extracting(e -> e.id()).containsExactly("one", "two");
        JsonNode listed = messages(topic);
        assertThat(listed).extracting(n -> n.path("messageId").asText())
                .containsExactly(r.successful().get(0).messageId(), r.successful().get(1).messageId());
        assertThat(listed.get(1).path("messageAttributes").path("k").path("stringValue").asText()).isEqualTo("v");

        snsError(() -> sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("a").message("x").build(),
                PublishBatchRequestEntry.builder().id("a").message("y").build())), 400, "BatchEntryIdsNotDistinct",
                "Two or more batch entries in the request have the same Id.");
        List<PublishBatchRequestEntry> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(PublishBatchRequestEntry.builder().id("e" + i).message("x").build());
        }
        snsError(() -> sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(eleven)), 400,
                "TooManyEntriesInBatchRequest", "The batch request contains more entries than permissible.");
        snsError(() -> sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("bad id!").message("x").build())), 400, "InvalidBatchEntryId",
                null);
        String big = "x".repeat(140_000);
        snsError(() -> sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("a").message(big).build(),
                PublishBatchRequestEntry.builder().id("b").message(big).build())), 400, "BatchRequestTooLong",
                "The length of all the messages put together is more than the limit.");
        snsError(() -> sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("a").message("").build())), 400, "InvalidParameter",
                "Invalid parameter: Empty message");
        assertThat(messages(topic)).hasSize(2);
    }
}
