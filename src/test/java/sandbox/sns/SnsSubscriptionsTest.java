package sandbox.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static sandbox.sns.SnsAssertions.snsError;

import com.fasterxml.jackson.databind.JsonNode;
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
import sandbox.core.Json;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicResponse;
import software.amazon.awssdk.services.sns.model.Subscription;

class SnsSubscriptionsTest extends SandboxTestSupport {

    private static String topic(SnsClient sns) {
        return sns.createTopic(b -> b.name("subs-" + UUID.randomUUID().toString().substring(0, 8))).topicArn();
    }

    private static JsonNode deliveries(String subscriptionArn) {
        try {
            return Json.parse(get("/_sandbox/sns/deliveries?subscriptionArn="
                    + java.net.URLEncoder.encode(subscriptionArn, java.nio.charset.StandardCharsets.UTF_8)).body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void smsSubscriptionsAreConfirmedAtOnce() {
        SnsClient sns = sns();
        String topic = topic(sns);
        String arn = sns.subscribe(b -> b.topicArn(topic).protocol("sms").endpoint("+15555550100")).subscriptionArn();
        assertThat(arn).startsWith(topic + ":").hasSize(topic.length() + 37);
        Map<String, String> attrs = sns.getSubscriptionAttributes(b -> b.subscriptionArn(arn)).attributes();
        assertThat(attrs).containsEntry("PendingConfirmation", "false").containsEntry("Protocol", "sms")
                .containsEntry("Endpoint", "+15555550100").containsEntry("TopicArn", topic)
                .containsEntry("SubscriptionArn", arn).containsEntry("Owner", "000000000000")
                .containsEntry("RawMessageDelivery", "false").containsEntry("ConfirmationWasAuthenticated", "true");
        assertThat(sns.getTopicAttributes(b -> b.topicArn(topic)).attributes())
                .containsEntry("SubscriptionsConfirmed", "1").containsEntry("SubscriptionsPending", "0");
    }

    @Test
    void subscribeIsIdempotentPerEndpointButNotWithDifferentAttributes() {
        SnsClient sns = sns();
        String topic = topic(sns);
        String first = sns.subscribe(b -> b.topicArn(topic).protocol("sms").endpoint("+15555550101")).subscriptionArn();
        String again = sns.subscribe(b -> b.topicArn(topic).protocol("sms").endpoint("+15555550101")).subscriptionArn();
        assertThat(again).isEqualTo(first);
        snsError(() -> sns.subscribe(b -> b.topicArn(topic).protocol("sms").endpoint("+15555550101")
                .attributes(Map.of("FilterPolicy", "{\"a\":[\"b\"]}"))), 400, "InvalidParameter",
                "Invalid parameter: Attributes Reason: Subscription already exists with different attributes");
        assertThat(sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions()).hasSize(1);
    }

    @Test
    void emailSubscriptionsStayPendingUntilConfirmedWithTheirToken() throws Exception {
        SnsClient sns = sns();
        String topic = topic(sns);
        String answer = sns.subscribe(b -> b.topicArn(topic).protocol("email").endpoint("ops@example.com"))
                .subscriptionArn();
        assertThat(answer).isEqualTo("pending confirmation");
        Subscription listed = sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions().get(0);
        assertThat(listed.subscriptionArn()).isEqualTo("PendingConfirmation");
        assertThat(listed.protocol()).isEqualTo("email");
        assertThat(sns.getTopicAttributes(b -> b.topicArn(topic)).attributes())
                .containsEntry("SubscriptionsPending", "1").containsEntry("SubscriptionsConfirmed", "0");

        String arn = sns.subscribe(b -> b.topicArn(topic).protocol("email").endpoint("ops@example.com")
                .returnSubscriptionArn(true)).subscriptionArn();
        assertThat(arn).startsWith(topic + ":");
        JsonNode confirmation = Eventually.until("the confirmation email", () -> deliveries(arn),
                d -> d.size() >= 1 && d.get(0).path("status").asText().equals("DELIVERED")).get(0);
        assertThat(confirmation.path("type").asText()).isEqualTo("SubscriptionConfirmation");
        String content = confirmation.path("content").asText();
        assertThat(content).contains(topic).contains(endpoint + "/?Action=ConfirmSubscription");
        String url = content.substring(content.indexOf("http://"));
        String token = java.net.URLDecoder.decode(url.substring(url.indexOf("Token=") + 6),
                java.nio.charset.StandardCharsets.UTF_8);

        snsError(() -> sns.confirmSubscription(b -> b.topicArn(topic).token("nope")), 400, "InvalidParameter",
                "Invalid parameter: Token");
        snsError(() -> sns.confirmSubscription(b -> b.topicArn(topic + "x").token(token)), 400, "InvalidParameter",
                "Invalid parameter: Topic");
        assertThat(sns.confirmSubscription(b -> b.topicArn(topic).token(token)).subscriptionArn()).isEqualTo(arn);
        assertThat(sns.confirmSubscription(b -> b.topicArn(topic).token(token)).subscriptionArn()).isEqualTo(arn);
        assertThat(sns.getSubscriptionAttributes(b -> b.subscriptionArn(arn)).attributes())
                .containsEntry("PendingConfirmation", "false");
        assertThat(sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions().get(0).subscriptionArn())
                .isEqualTo(arn);
        HttpResponse<String> viaUrl = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(viaUrl.statusCode()).isEqualTo(200);
        assertThat(viaUrl.body()).contains("<ConfirmSubscriptionResponse").contains("<SubscriptionArn>" + arn);
    }

    @Test
    void unsupportedAndUnknownProtocolsAreRejected() {
        SnsClient sns = sns();
        String topic = topic(sns);
        for (String p : new String[] {"lambda", "application", "firehose"}) {
            snsError(() -> sns.subscribe(b -> b.topicArn(topic).protocol(p).endpoint("arn:aws:sqs:us-east-1:1:q")),
                    400, "InvalidParameter", "Invalid parameter: Protocol Reason: the sandbox does not deliver to " + p
                            + " endpoints; it delivers to http, https, email, email-json, sms and sqs");
        }
        snsError(() -> sns.subscribe(b -> b.topicArn(topic).protocol("pigeon").endpoint("x")), 400, "InvalidParameter",
                "Invalid parameter: Amazon SNS does not support this protocol string: pigeon");
    }

    @Test
    void endpointsAreValidatedPerProtocol() {
        SnsClient sns = sns();
        String topic = topic(sns);
        snsError(() -> sns.subscribe(b -> b.topicArn(topic).protocol("sms").endpoint("555-CALL-ME")), 400,
                "InvalidParameter", "Invalid SMS endpoint: 555-CALL-ME");
        snsError(() -> sns.subscribe(b -> b.topicArn(topic).protocol("sms").endpoint("+15--551234567")), 400,
                "InvalidParameter", "Invalid SMS endpoint: +15--551234567");
        assertThat(sns.subscribe(b -> b.topicArn(topic).protocol("sms").endpoint("+1-555-555-0199"))
                .subscriptionArn()).startsWith(topic);
        snsError(() -> sns.subscribe(b -> b.topicArn(topic).protocol("email").endpoint("not-an-address")), 400,
                "InvalidParameter", "Invalid parameter: Email address");
        snsError(() -> sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint("https://example.com/hook")),
                400, "InvalidParameter", "Invalid parameter: Endpoint must match the specified protocol");
        snsError(() -> sns.subscribe(b -> b.topicArn(topic).protocol("https").endpoint("ftp://example.com")), 400,
                "InvalidParameter", "Invalid parameter: Endpoint must match the specified protocol");
        snsError(() -> sns.subscribe(b -> b.topicArn(topic).protocol("http")), 400, "InvalidParameter",
                "Invalid parameter: Endpoint Reason: no value for required parameter");
        snsError(() -> sns.subscribe(b -> b.topicArn(topic + "-missing").protocol("sms").endpoint("+15555550100")),
                404, "NotFound", "Topic does not exist");
    }

    @Test
    void fifoTopicsTakeNoSubscriptionsTheSandboxCanDeliver() {
        SnsClient sns = sns();
        String topic = sns.createTopic(b -> b.name("subs-fifo-" + UUID.randomUUID().toString().substring(0, 8)
                + ".fifo").attributes(Map.of("FifoTopic", "true"))).topicArn();
        snsError(() -> sns.subscribe(b -> b.topicArn(topic).protocol("sms").endpoint("+15555550100")), 400,
                "InvalidParameter", "Invalid parameter: Invalid protocol type: sms Reason: FIFO topics deliver only "
                        + "to Amazon SQS queues");
    }

    @Test
    void subscriptionAttributesAreValidatedAndStored() {
        SnsClient sns = sns();
        String topic = topic(sns);
        String arn = sns.subscribe(b -> b.topicArn(topic).protocol("sms").endpoint("+15555550102")
                .attributes(Map.of("FilterPolicy", "{\"level\":[\"error\"]}"))).subscriptionArn();
        assertThat(sns.getSubscriptionAttributes(b -> b.subscriptionArn(arn)).attributes())
                .containsEntry("FilterPolicy", "{\"level\":[\"error\"]}")
                .containsEntry("FilterPolicyScope", "MessageAttributes");
        sns.setSubscriptionAttributes(b -> b.subscriptionArn(arn).attributeName("FilterPolicy")
                .attributeValue("{\"level\":[\"warn\"]}"));
        assertThat(sns.getSubscriptionAttributes(b -> b.subscriptionArn(arn)).attributes())
                .containsEntry("FilterPolicy", "{\"level\":[\"warn\"]}");
        snsError(() -> sns.setSubscriptionAttributes(b -> b.subscriptionArn(arn).attributeName("FilterPolicy")
                .attributeValue("{\"level\":[]}")), 400, "InvalidParameter",
                "Invalid parameter: FilterPolicy: Empty arrays are not allowed");
        snsError(() -> sns.setSubscriptionAttributes(b -> b.subscriptionArn(arn).attributeName("RawMessageDelivery")
                .attributeValue("true")), 400, "InvalidParameter",
                "Invalid parameter: Delivery protocol [sms] does not support raw message delivery.");
        snsError(() -> sns.setSubscriptionAttributes(b -> b.subscriptionArn(arn).attributeName("Colour")
                .attributeValue("x")), 400, "InvalidParameter", "Invalid parameter: AttributeName");
        snsError(() -> sns.setSubscriptionAttributes(b -> b.subscriptionArn(arn).attributeName("FilterPolicyScope")
                .attributeValue("Everything")), 400, "InvalidParameter", "Invalid parameter: FilterPolicyScope: "
                + "Invalid value [Everything]. Please use either MessageBody or MessageAttributes");
        snsError(() -> sns.subscribe(b -> b.topicArn(topic).protocol("sms").endpoint("+15555550103")
                .attributes(Map.of("FilterPolicy", "{\"a\":{\"b\":[1]}}"))), 400, "InvalidParameter",
                "Invalid parameter: Attributes Reason: Filter policy scope MessageAttributes does not support nested "
                        + "filter policy");
        sns.setSubscriptionAttributes(b -> b.subscriptionArn(arn).attributeName("FilterPolicy").attributeValue(""));
        assertThat(sns.getSubscriptionAttributes(b -> b.subscriptionArn(arn)).attributes())
                .doesNotContainKeys("FilterPolicy", "FilterPolicyScope");
    }

    @Test
    void unknownSubscriptionIsNotFoundAndUnsubscribeIsIdempotent() {
        SnsClient sns = sns();
        String topic = topic(sns);
        String arn = sns.subscribe(b -> b.topicArn(topic).protocol("sms").endpoint("+15555550104")).subscriptionArn();
        sns.unsubscribe(b -> b.subscriptionArn(arn));
        sns.unsubscribe(b -> b.subscriptionArn(arn));
        snsError(() -> sns.getSubscriptionAttributes(b -> b.subscriptionArn(arn)), 404, "NotFound",
                "Subscription does not exist");
        snsError(() -> sns.setSubscriptionAttributes(b -> b.subscriptionArn(arn).attributeName("FilterPolicy")
                .attributeValue("{}")), 404, "NotFound", "Subscription does not exist");
        snsError(() -> sns.unsubscribe(b -> b.subscriptionArn("garbage")), 400, "InvalidParameter",
                "Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not 1");
        snsError(() -> sns.unsubscribe(b -> b.subscriptionArn(topic)), 400, "InvalidParameter",
                "Invalid parameter: SubscriptionId");
        assertThat(sns.getTopicAttributes(b -> b.topicArn(topic)).attributes())
                .containsEntry("SubscriptionsDeleted", "1").containsEntry("SubscriptionsConfirmed", "0");
        assertThat(sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions()).isEmpty();
    }

    @Test
    void subscriptionListingsPageByHundred() {
        SnsClient sns = sns();
        String topic = topic(sns);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 205; i++) {
            String phone = "+1555" + String.format("%07d", i);
            created.add(sns.subscribe(b -> b.topicArn(topic).protocol("sms").endpoint(phone)).subscriptionArn());
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListSubscriptionsByTopicResponse page = sns.listSubscriptionsByTopic(b -> b.topicArn(topic).nextToken(t));
            assertThat(page.subscriptions()).hasSizeLessThanOrEqualTo(100);
            page.subscriptions().forEach(s -> seen.add(s.subscriptionArn()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(created);
        List<String> all = new ArrayList<>();
        sns.listSubscriptionsPaginator().subscriptions().forEach(s -> all.add(s.subscriptionArn()));
        assertThat(all).doesNotHaveDuplicates().containsAll(created);
        snsError(() -> sns.listSubscriptionsByTopic(b -> b.topicArn(topic + "-gone")), 404, "NotFound",
                "Topic does not exist");
    }
}
