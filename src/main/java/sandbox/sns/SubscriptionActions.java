package sandbox.sns;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribe, ConfirmSubscription, Unsubscribe, the two listings and Get/SetSubscriptionAttributes.
 * HTTP/S and email subscriptions stay pending until confirmed (ConfirmSubscription or a GET of the
 * SubscribeURL); SMS subscriptions are confirmed at once, as on AWS.
 */
final class SubscriptionActions {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionActions.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SnsStore store;
    private final SnsArns arns;
    private final Deliveries deliveries;
    private final SnsUrls urls;
    private final DeliveryHosts hosts;

    SubscriptionActions(SnsStore store, SnsArns arns, Deliveries deliveries, SnsUrls urls, DeliveryHosts hosts) {
        this.store = store;
        this.arns = arns;
        this.deliveries = deliveries;
        this.urls = urls;
        this.hosts = hosts;
    }

    QueryXml subscribe(QueryParams p) {
        String topicArn = arns.checkTopicArn(p.required("TopicArn", "topicArn"), "TopicArn");
        String requestedProtocol = p.required("Protocol", "protocol");
        Topic topic = store.requireTopic(topicArn);
        String protocol = SubscriptionSettings.protocol(requestedProtocol, topic.fifo);
        String endpoint = SubscriptionSettings.endpoint(protocol, p.get("Endpoint"));
        if (protocol.startsWith("http")) {
            hosts.refusal(endpoint).ifPresent(why -> {
                throw SnsErrors.invalidParameter("Invalid parameter: Endpoint Reason: the sandbox delivers only to "
                        + "loopback and sandbox.sns.allowed-hosts; " + why);
            });
        }
        Map<String, String> attributes = SubscriptionSettings.forSubscribe(p.map("Attributes"), protocol);
        boolean returnArn = p.flag("ReturnSubscriptionArn");

        Subscription subscription;
        boolean created = false;
        synchronized (topic) {
            if (topic.isDeleted()) {
                throw SnsErrors.notFound("Topic does not exist");
            }
            subscription = topic.byEndpoint.get(SnsStore.endpointKey(protocol, endpoint));
            if (subscription != null) {
                for (Map.Entry<String, String> e : attributes.entrySet()) {
                    if (!e.getValue().equals(subscription.attribute(e.getKey()))) {
                        throw SnsErrors.invalidParameter("Invalid parameter: Attributes Reason: Subscription already "
                                + "exists with different attributes");
                    }
                }
            } else {
                subscription = new Subscription(topicArn + ":" + UUID.randomUUID(), topicArn, protocol, endpoint,
                        arns.account(), newToken(), SubscriptionSettings.needsConfirmation(protocol));
                for (Map.Entry<String, String> e : attributes.entrySet()) {
                    subscription.setAttribute(e.getKey(), e.getValue(), null);
                }
                String policy = attributes.get("FilterPolicy");
                subscription.setAttribute("FilterPolicy", policy, FilterPolicy.parse(policy,
                        Subscription.scopeOf(attributes.get("FilterPolicyScope")), ""));
                store.add(topic, subscription);
                store.writeSubscription(subscription);
                created = true;
            }
        }
        if (created) {
            LOG.info("Subscribed {} {} to {} ({}{})", protocol, endpoint, topicArn, subscription.arn,
                    subscription.isPending() ? ", pending confirmation" : "");
        }
        if (subscription.isPending()) {
            // a repeated Subscribe of a pending endpoint sends the confirmation again, as SNS does
            deliveries.confirmation("SubscriptionConfirmation", subscription, signatureVersion(topic),
                    urls.subscribeUrl(topicArn, subscription.token));
        }
        String answer = subscription.isPending() && !returnArn ? "pending confirmation" : subscription.arn;
        return new QueryXml().element("SubscriptionArn", answer);
    }

    QueryXml confirmSubscription(QueryParams p) {
        String topicArn = p.required("TopicArn", "topicArn");
        String token = p.required("Token", "token");
        String[] parts = topicArn.split(":", -1);
        if (parts.length != 6 || !"arn".equals(parts[0]) || !"sns".equals(parts[2])) {
            throw SnsErrors.invalidParameter("Invalid parameter: Topic");
        }
        Subscription s = store.byToken.get(token);
        if (s == null) {
            s = restore(token, topicArn);
        }
        if (!s.topicArn.equals(topicArn)) {
            throw SnsErrors.invalidParameter("Invalid parameter: Topic");
        }
        Topic topic = store.requireTopic(topicArn);
        boolean confirmedNow = false;
        synchronized (topic) {
            if (s.isPending() && store.subscriptions.get(s.arn) == s) {
                s.confirm();
                store.writeSubscription(s);
                confirmedNow = true;
            }
        }
        if (confirmedNow) {
            LOG.info("Confirmed subscription {} ({} {})", s.arn, s.protocol, s.endpoint);
        }
        return new QueryXml().element("SubscriptionArn", s.arn);
    }

    /** The token of an UnsubscribeConfirmation re-creates the subscription it came from. */
    private Subscription restore(String token, String topicArn) {
        Subscription gone = store.unsubscribedByToken.get(token);
        if (gone == null) {
            throw SnsErrors.invalidParameter("Invalid parameter: Token");
        }
        Topic topic = store.requireTopic(gone.topicArn);
        synchronized (topic) {
            if (topic.isDeleted() || !gone.topicArn.equals(topicArn)) {
                throw SnsErrors.invalidParameter("Invalid parameter: Topic");
            }
            if (store.unsubscribedByToken.remove(token) != null
                    && !topic.byEndpoint.containsKey(SnsStore.endpointKey(gone.protocol, gone.endpoint))) {
                store.add(topic, gone);
                store.writeSubscription(gone);
                LOG.info("Restored subscription {} ({} {})", gone.arn, gone.protocol, gone.endpoint);
            }
        }
        return gone;
    }

    /**
     * Unsubscribe is idempotent. Through the UnsubscribeURL (an unsigned request) an HTTP/S endpoint
     * also gets an UnsubscribeConfirmation whose SubscribeURL restores the subscription.
     */
    QueryXml unsubscribe(QueryParams p, boolean signed) {
        String arn = arns.checkSubscriptionArn(p.required("SubscriptionArn", "subscriptionArn"));
        Subscription s = store.subscriptions.get(arn);
        if (s == null) {
            return null;
        }
        Topic topic = store.topics.get(s.topicArn);
        if (topic == null) {
            return null;
        }
        synchronized (topic) {
            if (store.subscriptions.get(arn) != s) {
                return null;
            }
            store.forget(s);
            topic.countDeletedSubscription();
            store.writeSubscriptionDeleted(arn);
            store.writeTopic(topic);
        }
        deliveries.closeLane(arn);
        LOG.info("Unsubscribed {} ({} {})", arn, s.protocol, s.endpoint);
        if (!signed && s.isHttp() && !s.isPending()) {
            store.unsubscribedByToken.put(s.token, s);
            deliveries.confirmation("UnsubscribeConfirmation", s, signatureVersion(topic),
                    urls.subscribeUrl(s.topicArn, s.token));
        }
        return null;
    }

    QueryXml listSubscriptions(QueryParams p) {
        return list(store.subscriptions, p.get("NextToken"));
    }

    QueryXml listSubscriptionsByTopic(QueryParams p) {
        String arn = arns.checkTopicArn(p.required("TopicArn", "topicArn"), "TopicArn");
        return list(store.requireTopic(arn).subscriptions, p.get("NextToken"));
    }

    private QueryXml list(NavigableMap<String, Subscription> subscriptions, String nextToken) {
        Paging.Page<Subscription> page = Paging.page(subscriptions, nextToken);
        QueryXml xml = new QueryXml().open("Subscriptions");
        for (Subscription s : page.items()) {
            xml.open("member").element("SubscriptionArn", s.isPending() ? "PendingConfirmation" : s.arn)
                    .element("Owner", s.owner).element("Protocol", s.protocol).element("Endpoint", s.endpoint)
                    .element("TopicArn", s.topicArn).close("member");
        }
        return xml.close("Subscriptions").element("NextToken", page.nextToken());
    }

    QueryXml getSubscriptionAttributes(QueryParams p) {
        Subscription s = subscription(p);
        return new QueryXml().entries("Attributes", SubscriptionSettings.describe(s));
    }

    QueryXml setSubscriptionAttributes(QueryParams p) {
        Subscription s = subscription(p);
        String name = p.required("AttributeName", "attributeName");
        Topic topic = store.requireTopic(s.topicArn);
        synchronized (topic) {
            String value = SubscriptionSettings.forSet(name, p.get("AttributeValue"), s);
            s.setAttribute(name, value, SubscriptionSettings.filterAfter(s, name, value));
            store.writeSubscription(s);
        }
        LOG.debug("Set {} of {}", name, s.arn);
        return null;
    }

    private Subscription subscription(QueryParams p) {
        String arn = p.required("SubscriptionArn", "subscriptionArn");
        arns.checkSubscriptionArn(arn);
        Subscription s = store.subscriptions.get(arn);
        if (s == null) {
            throw SnsErrors.notFound("Subscription does not exist");
        }
        return s;
    }

    static String signatureVersion(Topic topic) {
        String v = topic.attribute("SignatureVersion");
        return v == null ? "1" : v;
    }

    private static String newToken() {
        byte[] bytes = new byte[64];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
