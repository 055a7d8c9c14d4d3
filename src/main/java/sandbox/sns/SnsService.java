package sandbox.sns;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sandbox.core.AwsService;
import sandbox.core.Router;
import sandbox.core.SandboxContext;
import sandbox.core.SandboxRequest;
import sandbox.core.SandboxResponse;

/**
 * The sandbox's Amazon SNS: the awsQuery protocol ({@code Action=...}, XML answers), topics,
 * subscriptions (http/https with the confirmation handshake, email, email-json, sms), filter
 * policies, Publish/PublishBatch with FIFO deduplication, asynchronous deliveries, persistence in
 * {@code <data-dir>/sns}, and the admin endpoints under {@code /_sandbox/sns/}.
 */
public final class SnsService implements AwsService, Router.AdminEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(SnsService.class);

    /** Real SNS actions the sandbox does not serve: answered with a clear InvalidAction. */
    private static final Set<String> NOT_SERVED = Set.of("AddPermission", "RemovePermission",
            "CheckIfPhoneNumberIsOptedOut", "CreatePlatformApplication", "CreatePlatformEndpoint",
            "CreateSMSSandboxPhoneNumber", "DeleteEndpoint", "DeletePlatformApplication",
            "DeleteSMSSandboxPhoneNumber", "GetDataProtectionPolicy", "GetEndpointAttributes",
            "GetPlatformApplicationAttributes", "GetSMSAttributes", "GetSMSSandboxAccountStatus",
            "ListEndpointsByPlatformApplication", "ListOriginationNumbers", "ListPhoneNumbersOptedOut",
            "ListPlatformApplications", "ListSMSSandboxPhoneNumbers", "OptInPhoneNumber",
            "PutDataProtectionPolicy", "SetEndpointAttributes", "SetPlatformApplicationAttributes",
            "SetSMSAttributes", "VerifySMSSandboxPhoneNumber", "SetSubscriptionAttributesBatch");

    private final SnsStore store;
    private final Deliveries deliveries;
    private final TopicActions topics;
    private final SubscriptionActions subscriptions;
    private final PublishActions publishing;
    private final SnsAdmin admin;

    public SnsService(SandboxContext ctx) {
        this(ctx, QueueDelivery.NONE);
    }

    /** With {@code queues}, the sandbox's SQS that sqs subscriptions deliver to. */
    public SnsService(SandboxContext ctx, QueueDelivery queues) {
        this(ctx, InetAddress::getAllByName, queues);
    }

    /** @param resolver how delivery hosts are resolved before they are checked against the allowed ones */
    SnsService(SandboxContext ctx, DeliveryHosts.Resolver resolver) {
        this(ctx, resolver, QueueDelivery.NONE);
    }

    private SnsService(SandboxContext ctx, DeliveryHosts.Resolver resolver, QueueDelivery queues) {
        DeliveryHosts hosts = new DeliveryHosts(ctx.config().allowed().snsEndpoints(), resolver);
        SnsArns arns = new SnsArns(ctx.region(), ctx.account());
        SnsUrls urls = new SnsUrls(ctx.endpoint());
        MessageSigner signer = new MessageSigner(ctx.clock(), ctx.region());
        this.store = new SnsStore(ctx.dataDir("sns").orElse(null), ctx.clock().instant());
        this.deliveries = new Deliveries(new SnsEnvelopes(urls, signer), ctx.clock(), hosts);
        deliveries.deliverToQueues(queues);
        this.topics = new TopicActions(store, arns, deliveries);
        this.subscriptions = new SubscriptionActions(store, arns, deliveries, urls, hosts);
        this.publishing = new PublishActions(store, arns, deliveries, ctx.clock());
        this.admin = new SnsAdmin(store, deliveries, signer);
    }

    @Override
    public String name() {
        return "sns";
    }

    @Override
    public String operation(SandboxRequest request) {
        String action = request.queryParam("Action");
        if (action == null && !"GET".equals(request.method()) && request.contentLength() <= Router.FORM_LIMIT) {
            action = request.form(Router.FORM_LIMIT).get("Action");
        }
        return action == null || action.isEmpty() ? "Unknown" : action;
    }

    @Override
    public SandboxResponse handle(SandboxRequest request, String operation) {
        QueryParams p = QueryParams.of(request);
        String action = p.get("Action");
        if (action == null || action.isEmpty()) {
            throw SnsErrors.invalidAction("Missing required parameter Action");
        }
        QueryXml result = switch (action) {
            case "CreateTopic" -> topics.createTopic(p);
            case "DeleteTopic" -> topics.deleteTopic(p);
            case "ListTopics" -> topics.listTopics(p);
            case "GetTopicAttributes" -> topics.getTopicAttributes(p);
            case "SetTopicAttributes" -> topics.setTopicAttributes(p);
            case "TagResource" -> topics.tagResource(p);
            case "UntagResource" -> topics.untagResource(p);
            case "ListTagsForResource" -> topics.listTagsForResource(p);
            case "Subscribe" -> subscriptions.subscribe(p);
            case "ConfirmSubscription" -> subscriptions.confirmSubscription(p);
            case "Unsubscribe" -> subscriptions.unsubscribe(p, request.header("Authorization") != null);
            case "ListSubscriptions" -> subscriptions.listSubscriptions(p);
            case "ListSubscriptionsByTopic" -> subscriptions.listSubscriptionsByTopic(p);
            case "GetSubscriptionAttributes" -> subscriptions.getSubscriptionAttributes(p);
            case "SetSubscriptionAttributes" -> subscriptions.setSubscriptionAttributes(p);
            case "Publish" -> publishing.publish(p);
            case "PublishBatch" -> publishing.publishBatch(p);
            default -> throw SnsErrors.invalidAction(NOT_SERVED.contains(action)
                    ? "The sandbox does not implement the SNS action " + action
                    : "Could not find operation " + action + " for version 2010-03-31");
        };
        String requestId = UUID.randomUUID().toString();
        return SandboxResponse.xml(200, QueryXml.response(action, requestId, result))
                .header("x-amzn-RequestId", requestId);
    }

    @Override
    public SandboxResponse error(int status, String code, String message) {
        String requestId = UUID.randomUUID().toString();
        return SandboxResponse.xml(status, QueryXml.error(status, code, message, requestId))
                .header("x-amzn-RequestId", requestId);
    }

    @Override
    public Optional<SandboxResponse> admin(String subPath, SandboxRequest request) {
        return admin.handle(subPath, request);
    }

    @Override
    public void close() {
        deliveries.close();
        store.close();
        LOG.debug("SNS stopped");
    }
}
