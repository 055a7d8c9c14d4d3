package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import deploy.CloudFormationStack;
import inventory.RootCause;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sandbox.Sandbox;
import sandbox.SandboxConfig;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import testsupport.PipelineProbe;
import testsupport.PipelineTestSupport;
import testsupport.RunningPipeline;

/**
 * Least privilege, proven by running: the sandbox enforces the runtime policy of deploy/aws/template.yaml (its
 * PipelinePolicy, resolved for the sandbox, never a copy), an admin creates the resources as the template would, and
 * the app runs as the template's outputs configure it (provisioning off), in both import trigger modes, through the
 * seed story and its readiness check: nothing it needs is denied. With one action taken out of the policy, the app
 * says which call was denied and what to grant.
 */
class LeastPrivilegeStoryTest {

    /** The admin access key: it sets up the stack and plays the stores uploading; the app signs as anyone else. */
    static final String ADMIN = "stack-admin";
    static final String ACCOUNT = "000000000000";
    private static final AtomicInteger STACKS = new AtomicInteger();

    @TempDir
    Path dir;
    private Sandbox sandbox;
    private RunningPipeline pipeline;

    @AfterEach
    void tearDown() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    @ParameterizedTest(name = "inventory.import.trigger={0}")
    @ValueSource(strings = {"poll", "events"})
    void theTemplatesPolicyRunsTheSeedStoryWithNothingItNeedsDenied(String trigger) throws Exception {
        Stack stack = stack(trigger, policy -> { });
        PipelineProbe probe = start(stack);
        await().atMost(PipelineProbe.TIMEOUT).until(() -> ready(stack) == 200);

        probe.uploadSample("inventory.csv");
        JsonNode report = probe.awaitReport("inventory.csv");
        assertThat(report.path("status").asText()).isEqualTo("processed");
        assertThat(report.path("inserted").asLong()).isEqualTo(5);
        // the report is written before the upload is archived: wait for the archive
        await().atMost(PipelineProbe.TIMEOUT).until(() -> probe.keys("processed/").contains("processed/inventory.csv"));
        assertThat(probe.keys("processed/")).containsExactly("processed/inventory.csv");
        assertThat(probe.awaitAlerts(2)).extracting(m -> PipelineProbe.attr(m, "store") + "/"
                + PipelineProbe.attr(m, "item")).containsExactlyInAnyOrder("s001/sku-1002", "s002/sku-1001");

        // a newer file: rows of existing items are PartiQL UPDATEs, one of them to zero; its first download fails
        // (4 x 500: all of the SDK's attempts), so the file is tried again (events: the message comes back later)
        var failedDownload = sandbox.faults().add(PipelineProbe.JSON.readTree(
                "{\"service\":\"s3\",\"operation\":\"GetObject\",\"status\":500,\"count\":4}"));
        probe.uploadSample("restock.csv");
        // listed, not read, until the report is there: the faults are for the app's download only
        await().atMost(PipelineProbe.TIMEOUT).until(() -> probe.keys("reports/").contains("reports/restock.csv.json"));
        assertThat(failedDownload.fired().get()).isEqualTo(4);
        JsonNode restock = probe.awaitReport("restock.csv");
        assertThat(restock.path("status").asText()).isEqualTo("processed");
        assertThat(restock.path("updated").asLong()).isEqualTo(2);
        assertThat(restock.path("stale").asLong()).isEqualTo(1);
        probe.awaitAlertRouteCaughtUp();
        assertThat(probe.alerts()).hasSize(3);

        // an alert the topic refuses for good (3 x 400, inventory.alert.max-attempts) goes to the alert dead-letter
        // queue: the app's sqs:SendMessage
        sandbox.faults().add(PipelineProbe.JSON.readTree("{\"service\":\"sns\",\"operation\":\"Publish\","
                + "\"status\":400,\"code\":\"InvalidParameter\",\"count\":3}"));
        probe.put("s003", "sku-refused", 0, "2026-11-24T13:00:00.000Z");
        try (var sqs = SandboxTestSupport.sqs(sandbox.endpoint(), SandboxTestSupport.credentials(ADMIN))) {
            String url = sqs.getQueueUrl(g -> g.queueName(stack.app().getProperty("inventory.alert.dead-letter-queue")))
                    .queueUrl();
            await().atMost(PipelineProbe.TIMEOUT).until(() -> !sqs.receiveMessage(r -> r.queueUrl(url)
                    .visibilityTimeout(1)).messages().isEmpty());
        }
        probe.awaitAlertRouteCaughtUp();
        assertThat(probe.alerts()).hasSize(3);
        assertThat(probe.keys("incoming/")).isEmpty();
        assertThat(probe.keys("failed/")).isEmpty();
        assertThat(ready(stack)).isEqualTo(200);

        List<String> expectedDenials = new ArrayList<>();
        if (trigger.equals("events")) {
            // S3 notifies at least once: a repeated notification of a file imported already. Its GetObject is
            // answered 403, not 404 (the app may not list the whole bucket); the listing of incoming/ that the policy
            // allows shows the key gone, so the message is deleted, not retried into the dead-letter queue
            try (var sqs = SandboxTestSupport.sqs(sandbox.endpoint(), SandboxTestSupport.credentials(ADMIN))) {
                String queue = sqs.getQueueUrl(g -> g.queueName(stack.app().getProperty("inventory.import.queue")))
                        .queueUrl();
                String deadLetters = sqs.getQueueUrl(g -> g.queueName(stack.app()
                        .getProperty("inventory.import.dead-letter-queue"))).queueUrl();
                sqs.sendMessage(m -> m.queueUrl(queue).messageBody(S3Events.created(stack.name, "incoming/inventory.csv")));
                await().atMost(PipelineProbe.TIMEOUT).until(() -> messages(sqs, queue) == 0);
                assertThat(messages(sqs, deadLetters)).isZero();
            }
            assertThat(probe.keys("processed/")).containsExactly("processed/inventory.csv", "processed/restock.csv");
            expectedDenials.add("GetObject s3:ListBucket arn:aws:s3:::" + stack.name);
        }
        // each of Camel's aws2-s3 endpoints asks HeadBucket (s3:ListBucket, no s3:prefix) as it starts and takes a 403
        // for "the bucket exists": poll's consumer, events' two producers (GetObject, HeadObject); the policy lets the
        // app list incoming/ only, so AWS refuses those calls too
        expectedDenials.addAll(0, Collections.nCopies(trigger.equals("poll") ? 1 : 2,
                "HeadBucket s3:ListBucket arn:aws:s3:::" + stack.name));
        List<String> denied = new ArrayList<>();
        admin("/_sandbox/iam/denials").path("denials").forEach(d -> denied.add(d.path("operation").asText() + " "
                + d.path("action").asText() + " " + d.path("resource").asText()));
        assertThat(denied).containsExactlyInAnyOrderElementsOf(expectedDenials);
        record(trigger, stack.cloudFormation);
    }

    @Test
    void withoutPartiqlUpdateAnUpdatingFileFailsAndItsReportNamesTheActionToGrant() throws Exception {
        Stack stack = stack("poll", policy -> remove(policy, "dynamodb:PartiQLUpdate"));
        PipelineProbe probe = start(stack);
        probe.uploadSample("inventory.csv");
        assertThat(probe.awaitReport("inventory.csv").path("status").asText()).as("new items are INSERTs")
                .isEqualTo("processed");

        probe.uploadSample("restock.csv");
        JsonNode report = probe.awaitReport("restock.csv", r -> r.path("status").asText().equals("failed"));
        assertThat(report.path("failure").asText()).contains("AWS denied dynamodb:PartiQLUpdate on "
                + "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/" + stack.name + ": grant it to the app's role or "
                + "user (see deploy/aws/README.md)");
        // the report is written before the upload is moved (FileImport.finish): wait for the move
        await().atMost(PipelineProbe.TIMEOUT)
                .untilAsserted(() -> assertThat(probe.keys("failed/")).containsExactly("failed/restock.csv"));
    }

    @Test
    void withoutDescribeTimeToLiveStartUpStopsNamingTheActionToGrant() throws Exception {
        Stack stack = stack("events", policy -> remove(policy, "dynamodb:DescribeTimeToLive"));
        assertThatThrownBy(() -> start(stack)).satisfies(e -> assertThat(RootCause.message(e)).as("the console's "
                + "'inventory-pipeline could not start' line").isEqualTo("AWS denied dynamodb:DescribeTimeToLive on "
                + "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/" + stack.name + "-state: grant it to the app's "
                + "role or user (see deploy/aws/README.md)"));
    }

    /** A stack in the sandbox: its names, its template, the app's configuration from its outputs. */
    record Stack(String name, CloudFormationStack cloudFormation, Properties app, int managementPort) {
    }

    /**
     * Starts a sandbox enforcing the template's policy for this trigger mode (after {@code edit}) from a file, and
     * creates the stack's resources as the admin.
     */
    Stack stack(String trigger, Consumer<ObjectNode> edit) throws Exception {
        String name = "lp" + STACKS.incrementAndGet() + "-" + trigger;
        // no MetricsNamespace: the sandbox has no CloudWatch, so the app's metrics (and their grant) stay off here
        CloudFormationStack cloudFormation = new CloudFormationStack(Map.of("ImportTrigger", trigger, "BucketName", name,
                "TableName", name, "TopicName", name, "StateTableName", name + "-state", "QueueName", name + "-events",
                "DeadLetterQueueName", name + "-dlq", "MetricsNamespace", ""), "us-east-1", ACCOUNT, "http://sandbox");
        ObjectNode policy = cloudFormation.pipelinePolicy();
        edit.accept(policy);
        Path policyFile = dir.resolve("policy-" + name + ".json");
        Files.writeString(policyFile, policy.toPrettyString());
        sandbox = Sandbox.start(SandboxConfig.fromMap(Map.of("sandbox.port", "0",
                "sandbox.iam.policy", policyFile.toString(), "sandbox.iam.admin-access-key", ADMIN))
                .withStreams(PipelineTestSupport.ROLLING));
        SandboxStack.create(cloudFormation, sandbox.endpoint(), SandboxTestSupport.credentials(ADMIN));

        Properties p = new Properties();
        p.putAll(cloudFormation.appProperties());
        p.setProperty("aws.endpoint", sandbox.endpoint().toString());
        p.setProperty("inventory.state-dir", Files.createDirectories(dir.resolve("state-" + name)).toString());
        p.setProperty("inventory.import.poll-delay", "100");
        p.setProperty("inventory.alert.poll-delay", "100");
        int port = ObservabilityTest.freePort();
        p.setProperty("camel.management.enabled", "true");
        p.setProperty("camel.management.port", Integer.toString(port));
        p.setProperty("camel.management.host", "127.0.0.1");
        return new Stack(name, cloudFormation, p, port);
    }

    /** Starts the app on the stack; the probe signs as the admin. */
    PipelineProbe start(Stack stack) {
        pipeline = RunningPipeline.start(stack.app());
        StaticCredentialsProvider admin = SandboxTestSupport.credentials(ADMIN);
        PipelineProbe probe = new PipelineProbe(sandbox.endpoint(), stack.name(), stack.name(), stack.name(),
                pipeline::context, admin);
        probe.awaitStreamReader();
        return probe;
    }

    private static void remove(ObjectNode policy, String action) {
        int removed = 0;
        for (JsonNode s : policy.path("Statement")) {
            ArrayNode actions = (ArrayNode) s.path("Action");
            for (int i = actions.size() - 1; i >= 0; i--) {
                if (actions.get(i).asText().equals(action)) {
                    actions.remove(i);
                    removed++;
                }
            }
        }
        assertThat(removed).as("the template grants %s", action).isPositive();
    }

    private int ready(Stack stack) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + stack.managementPort() + "/observe/health/ready")).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Messages in the queue, visible or in flight. */
    private static int messages(software.amazon.awssdk.services.sqs.SqsClient sqs, String url) {
        var a = sqs.getQueueAttributes(g -> g.queueUrl(url).attributeNames(
                software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return a.values().stream().mapToInt(Integer::parseInt).sum();
    }

    private JsonNode admin(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandbox.endpoint() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return PipelineProbe.JSON.readTree(r.body());
    }

    /**
     * The actions the policy grants and those the app was allowed (target/least-privilege/&lt;trigger&gt;.txt): the
     * same, so the policy grants nothing the app does not use.
     */
    private void record(String trigger, CloudFormationStack cloudFormation) throws Exception {
        TreeSet<String> granted = new TreeSet<>();
        // an Action is a list or a single string
        cloudFormation.pipelinePolicy().path("Statement").forEach(s -> (s.path("Action").isArray() ? s.path("Action")
                : List.of(s.path("Action"))).forEach(a -> granted.add(a.asText())));
        TreeSet<String> used = new TreeSet<>();
        admin("/_sandbox/iam/allowed").fields().forEachRemaining(c -> {
            if (!c.getKey().endsWith("/" + ADMIN)) {
                c.getValue().fieldNames().forEachRemaining(used::add);
            }
        });
        assertThat(granted).as("every action the app was allowed is one the template grants").containsAll(used);
        Path out = Files.createDirectories(Path.of("target", "least-privilege"));
        Files.writeString(out.resolve(trigger + ".txt"), "granted " + granted.size() + ": " + granted + "\nused "
                + used.size() + ": " + used + "\n");
        TreeSet<String> unused = new TreeSet<>(granted);
        unused.removeAll(used);
        assertThat(unused).as("granted, never used").isEmpty();
    }
}
