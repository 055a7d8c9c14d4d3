package sandbox.sns;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sandbox.core.AwsException;

/** CreateTopic, DeleteTopic, ListTopics, Get/SetTopicAttributes and the tagging actions. */
final class TopicActions {

    private static final Logger LOG = LoggerFactory.getLogger(TopicActions.class);
    private static final int MAX_TAGS = 50;

    private final SnsStore store;
    private final SnsArns arns;
    private final Deliveries deliveries;

    TopicActions(SnsStore store, SnsArns arns, Deliveries deliveries) {
        this.store = store;
        this.arns = arns;
        this.deliveries = deliveries;
    }

    QueryXml createTopic(QueryParams p) {
        String name = p.required("Name", "name");
        Map<String, String> requested = p.map("Attributes");
        boolean fifo = TopicSettings.isFifoRequested(requested);
        TopicSettings.checkName(name, fifo);
        Map<String, String> attributes = TopicSettings.forCreate(requested, fifo);
        Map<String, String> tags = tags(p.members("Tags"));
        String arn = arns.topicArn(name);
        while (true) {
            Topic existing = store.topics.get(arn);
            if (existing != null) {
                checkSameAsExisting(existing, attributes, tags);
                return new QueryXml().element("TopicArn", arn);
            }
            Topic topic = new Topic(arn, name, fifo, TopicSettings.withDefaults(attributes, fifo), tags);
            synchronized (topic) {
                if (store.topics.putIfAbsent(arn, topic) == null) {
                    store.writeTopic(topic);
                    LOG.info("Created SNS topic {}", arn);
                    return new QueryXml().element("TopicArn", arn);
                }
            }
        }
    }

    /** CreateTopic of an existing name succeeds only when it asks for nothing different. */
    private void checkSameAsExisting(Topic existing, Map<String, String> attributes, Map<String, String> tags) {
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            String current = TopicSettings.effective(existing, e.getKey(), arns.account());
            if (current == null || !current.equals(e.getValue())) {
                throw SnsErrors.invalidParameter(
                        "Invalid parameter: Attributes Reason: Topic already exists with different attributes");
            }
        }
        Map<String, String> currentTags = existing.tags();
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (!e.getValue().equals(currentTags.get(e.getKey()))) {
                throw SnsErrors.invalidParameter(
                        "Invalid parameter: Tags Reason: Topic already exists with different tags");
            }
        }
    }

    QueryXml deleteTopic(QueryParams p) {
        String arn = arns.checkTopicArn(p.required("TopicArn", "topicArn"), "TopicArn");
        Topic topic = store.topics.get(arn);
        if (topic != null) {
            synchronized (topic) {
                if (!topic.isDeleted()) {
                    topic.markDeleted();
                    store.topics.remove(arn, topic);
                    for (Subscription s : topic.subscriptions.values()) {
                        store.forget(s);
                        deliveries.closeLane(s.arn);
                    }
                    store.writeTopicDeleted(arn);
                    LOG.info("Deleted SNS topic {} and its {} subscriptions", arn, topic.subscriptions.size());
                }
            }
        }
        return null;
    }

    QueryXml listTopics(QueryParams p) {
        Paging.Page<Topic> page = Paging.page(store.topics, p.get("NextToken"));
        QueryXml xml = new QueryXml().open("Topics");
        page.items().forEach(t -> xml.open("member").element("TopicArn", t.arn).close("member"));
        return xml.close("Topics").element("NextToken", page.nextToken());
    }

    QueryXml getTopicAttributes(QueryParams p) {
        Topic topic = topic(p);
        return new QueryXml().entries("Attributes", TopicSettings.describe(topic, arns.account()));
    }

    QueryXml setTopicAttributes(QueryParams p) {
        Topic topic = topic(p);
        String name = p.required("AttributeName", "attributeName");
        if (name.equals("FifoTopic")) {
            throw SnsErrors.invalidParameter("Invalid parameter: AttributeName");
        }
        String value = TopicSettings.forSet(name, p.get("AttributeValue"), topic.fifo);
        synchronized (topic) {
            if (topic.isDeleted()) {
                throw SnsErrors.notFound("Topic does not exist");
            }
            topic.setAttribute(name, value);
            store.writeTopic(topic);
        }
        LOG.debug("Set {} of {}", name, topic.arn);
        return null;
    }

    QueryXml tagResource(QueryParams p) {
        Topic topic = taggedTopic(p);
        Map<String, String> add = tags(p.members("Tags"));
        if (add.isEmpty()) {
            throw SnsErrors.missing("tags");
        }
        synchronized (topic) {
            Map<String, String> all = topic.tags();
            all.putAll(add);
            if (all.size() > MAX_TAGS) {
                throw new AwsException(400, "TagLimitExceeded",
                        "Could not complete request: tag quota of per resource exceeded");
            }
            topic.tag(add);
            store.writeTopic(topic);
        }
        return new QueryXml();
    }

    QueryXml untagResource(QueryParams p) {
        Topic topic = taggedTopic(p);
        List<String> keys = p.strings("TagKeys");
        synchronized (topic) {
            topic.untag(keys);
            store.writeTopic(topic);
        }
        return new QueryXml();
    }

    QueryXml listTagsForResource(QueryParams p) {
        Topic topic = taggedTopic(p);
        QueryXml xml = new QueryXml().open("Tags");
        topic.tags().forEach((k, v) -> xml.open("member").element("Key", k).element("Value", v).close("member"));
        return xml.close("Tags");
    }

    private Topic topic(QueryParams p) {
        return store.requireTopic(arns.checkTopicArn(p.required("TopicArn", "topicArn"), "TopicArn"));
    }

    private Topic taggedTopic(QueryParams p) {
        String arn = arns.checkTopicArn(p.required("ResourceArn", "resourceArn"), "ResourceArn");
        Topic topic = store.topics.get(arn);
        if (topic == null) {
            throw SnsErrors.resourceNotFound("Resource does not exist");
        }
        return topic;
    }

    /** Tags.member.N.Key/Value, with AWS's key and value limits; duplicate keys are an error. */
    private static Map<String, String> tags(List<QueryParams> members) {
        Map<String, String> out = new LinkedHashMap<>();
        for (QueryParams m : members) {
            String key = m.get("Key");
            String value = m.get("Value") == null ? "" : m.get("Value");
            if (key == null || key.isEmpty() || key.length() > 128) {
                throw SnsErrors.invalidParameter("Invalid parameter: Tags Reason: tag keys must be 1 to 128 characters");
            }
            if (value.length() > 256) {
                throw SnsErrors.invalidParameter("Invalid parameter: Tags Reason: tag values must be 0 to 256 characters");
            }
            if (out.put(key, value) != null) {
                throw SnsErrors.invalidParameter("Invalid parameter: Duplicated keys are not allowed.");
            }
        }
        if (out.size() > MAX_TAGS) {
            throw new AwsException(400, "TagLimitExceeded", "Could not complete request: tag quota of per resource exceeded");
        }
        return out;
    }
}
