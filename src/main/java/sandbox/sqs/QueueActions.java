package sandbox.sqs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sandbox.core.Json;

/**
 * CreateQueue, GetQueueUrl, GetQueueAttributes, SetQueueAttributes, ListQueues, DeleteQueue, PurgeQueue,
 * TagQueue, UntagQueue, ListQueueTags and ListDeadLetterSourceQueues.
 */
final class QueueActions {

    private static final Logger LOG = LoggerFactory.getLogger(QueueActions.class);
    private static final int MAX_LISTED = 1000;

    private final SqsStore store;
    private final QueueAddress address;
    private final Clock clock;

    QueueActions(SqsStore store, QueueAddress address, Clock clock) {
        this.store = store;
        this.address = address;
        this.clock = clock;
    }

    /** Idempotent for the same attributes; a different value for any given attribute is QueueNameExists. */
    ObjectNode create(SqsRequest r) {
        String name = QueueAddress.checkName(r.required("QueueName"));
        Map<String, String> given = r.map("Attributes");
        store.lock.lock();
        try {
            Map<String, String> checked = QueueSettings.check(given, arn -> store.byArn(arn) != null, true);
            Queue q = store.find(name);
            if (q != null) {
                for (Map.Entry<String, String> e : checked.entrySet()) {
                    String current = q.attributes.getOrDefault(e.getKey(), "");
                    if (!current.equals(e.getValue())) {
                        throw SqsErrors.queueNameExists(e.getKey());
                    }
                }
                return url(name);
            }
            q = store.create(name, address.arn(name), clock.millis());
            q.apply(checked);
            q.tags.putAll(r.map("tags"));
            store.writeQueue(q);
            LOG.info("SQS queue {} created", name);
            return url(name);
        } finally {
            store.lock.unlock();
        }
    }

    ObjectNode getUrl(SqsRequest r) {
        String name = r.required("QueueName");
        String owner = r.text("QueueOwnerAWSAccountId");
        if (owner != null && !owner.isEmpty() && !owner.equals(address.account())) {
            throw SqsErrors.queueDoesNotExist();
        }
        store.lock.lock();
        try {
            store.queue(name);
            return url(name);
        } finally {
            store.lock.unlock();
        }
    }

    private ObjectNode url(String name) {
        return Json.object().put("QueueUrl", address.url(name));
    }

    ObjectNode getAttributes(SqsRequest r) {
        String name = address.nameOf(r.text("QueueUrl"));
        Set<String> wanted = new LinkedHashSet<>(r.strings("AttributeNames"));
        for (String w : wanted) {
            if (!w.equals("All") && !QueueSettings.isSettable(w) && !QueueSettings.READ_ONLY.contains(w)) {
                throw SqsErrors.invalidAttributeName(w);
            }
        }
        store.lock.lock();
        try {
            Queue q = store.queue(name);
            long now = clock.millis();
            q.dropExpired(now).forEach(id -> store.writeDeleted(q, id));
            Map<String, String> all = q.allAttributes(now);
            ObjectNode attrs = Json.object();
            all.forEach((k, v) -> {
                if (wanted.contains("All") || wanted.contains(k)) {
                    attrs.put(k, v);
                }
            });
            ObjectNode out = Json.object();
            if (!attrs.isEmpty()) {
                out.set("Attributes", attrs);
            }
            return out;
        } finally {
            store.lock.unlock();
        }
    }

    ObjectNode setAttributes(SqsRequest r) {
        String name = address.nameOf(r.text("QueueUrl"));
        Map<String, String> given = r.map("Attributes");
        for (String k : given.keySet()) {
            if (QueueSettings.READ_ONLY.contains(k)) {
                throw SqsErrors.invalidAttributeName(k);
            }
        }
        store.lock.lock();
        try {
            Queue q = store.queue(name);
            q.apply(QueueSettings.check(given, arn -> store.byArn(arn) != null, false));
            q.modifiedAt = clock.millis();
            store.writeQueue(q);
            return Json.object();
        } finally {
            store.lock.unlock();
        }
    }

    /** Sorted by name; without MaxResults up to 1000 and no NextToken, as on AWS. */
    ObjectNode list(SqsRequest r) {
        String prefix = r.text("QueueNamePrefix");
        Integer max = r.integer("MaxResults", 1, MAX_LISTED, "MaxResults must be an integer between 1 and 1000.");
        String token = r.text("NextToken");
        String after = token == null || token.isEmpty() ? null : untoken(token);
        List<String> names = new ArrayList<>();
        boolean more = false;
        store.lock.lock();
        try {
            for (Queue q : store.queues()) {
                if ((prefix != null && !q.name.startsWith(prefix)) || (after != null && q.name.compareTo(after) <= 0)) {
                    continue;
                }
                if (names.size() == (max == null ? MAX_LISTED : max)) {
                    more = true;
                    break;
                }
                names.add(q.name);
            }
        } finally {
            store.lock.unlock();
        }
        ObjectNode out = Json.object();
        if (!names.isEmpty()) {
            ArrayNode urls = out.putArray("QueueUrls");
            names.forEach(n -> urls.add(address.url(n)));
        }
        if (more && max != null) {
            out.put("NextToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(names.get(names.size() - 1).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static String untoken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SqsErrors.invalidParameterValue("Invalid NextToken value.");
        }
    }

    ObjectNode delete(SqsRequest r) {
        String name = address.nameOf(r.text("QueueUrl"));
        store.lock.lock();
        try {
            store.drop(store.queue(name));
        } finally {
            store.lock.unlock();
        }
        LOG.info("SQS queue {} deleted", name);
        return Json.object();
    }

    ObjectNode purge(SqsRequest r) {
        String name = address.nameOf(r.text("QueueUrl"));
        store.lock.lock();
        try {
            Queue q = store.queue(name);
            q.purge();
            store.writePurge(q);
        } finally {
            store.lock.unlock();
        }
        return Json.object();
    }

    ObjectNode tag(SqsRequest r) {
        return withQueue(r, q -> q.tags.putAll(r.map("Tags")));
    }

    ObjectNode untag(SqsRequest r) {
        return withQueue(r, q -> r.strings("TagKeys").forEach(q.tags::remove));
    }

    private ObjectNode withQueue(SqsRequest r, java.util.function.Consumer<Queue> change) {
        String name = address.nameOf(r.text("QueueUrl"));
        store.lock.lock();
        try {
            Queue q = store.queue(name);
            change.accept(q);
            store.writeQueue(q);
            return Json.object();
        } finally {
            store.lock.unlock();
        }
    }

    ObjectNode listTags(SqsRequest r) {
        String name = address.nameOf(r.text("QueueUrl"));
        store.lock.lock();
        try {
            Queue q = store.queue(name);
            ObjectNode out = Json.object();
            if (!q.tags.isEmpty()) {
                ObjectNode tags = out.putObject("Tags");
                q.tags.forEach(tags::put);
            }
            return out;
        } finally {
            store.lock.unlock();
        }
    }

    ObjectNode listDeadLetterSources(SqsRequest r) {
        String name = address.nameOf(r.text("QueueUrl"));
        store.lock.lock();
        try {
            Queue dlq = store.queue(name);
            ObjectNode out = Json.object();
            ArrayNode urls = out.putArray("queueUrls");
            for (Queue q : store.queues()) {
                RedrivePolicy p = q.redrivePolicy();
                if (p != null && p.deadLetterTargetArn().equals(dlq.arn)) {
                    urls.add(address.url(q.name));
                }
            }
            return out;
        } finally {
            store.lock.unlock();
        }
    }
}
