package sandbox.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sandbox.core.Journal;
import sandbox.core.Json;

/**
 * SNS state: topics, subscriptions and every published message, in memory and, when a data folder is
 * configured, in a journal ({@code sns/state.jsonl}) replayed and compacted at start-up. Names never
 * become file names: everything lives in one journal file.
 */
final class SnsStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnsStore.class);

    /** Topics by ARN, sorted for ListTopics paging. */
    final ConcurrentSkipListMap<String, Topic> topics = new ConcurrentSkipListMap<>();
    /** Every subscription by ARN, sorted for ListSubscriptions paging. */
    final ConcurrentSkipListMap<String, Subscription> subscriptions = new ConcurrentSkipListMap<>();
    /** Confirmation token -> subscription. */
    final Map<String, Subscription> byToken = new ConcurrentHashMap<>();
    /** Subscriptions removed through their UnsubscribeURL, restorable with the UnsubscribeConfirmation's token (memory only). */
    final Map<String, Subscription> unsubscribedByToken = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<PublishedMessage> messages = new ConcurrentLinkedQueue<>();
    /** Publishers share it; clearing takes it alone, so memory and journal agree on what a clear removed. */
    private final ReentrantReadWriteLock messagesLock = new ReentrantReadWriteLock();
    private final Journal journal;

    SnsStore(Path dataDir, Instant now) {
        this.journal = dataDir == null ? null : Journal.open(dataDir.resolve("state.jsonl"));
        if (journal != null) {
            replay(now);
        }
    }

    private void replay(Instant now) {
        List<JsonNode> entries = journal.replay();
        Map<String, PublishedMessage> kept = new LinkedHashMap<>();
        for (JsonNode e : entries) {
            switch (e.path("t").asText()) {
                case "topic" -> {
                    Topic fresh = Topic.fromJournal(e);
                    Topic old = topics.put(fresh.arn, fresh);
                    if (old != null) {
                        fresh.subscriptions.putAll(old.subscriptions);
                        fresh.byEndpoint.putAll(old.byEndpoint);
                    }
                }
                case "topic-deleted" -> {
                    Topic t = topics.remove(e.path("arn").asText());
                    if (t != null) {
                        t.subscriptions.values().forEach(this::forget);
                    }
                }
                case "sub" -> {
                    Subscription s = Subscription.fromJournal(e);
                    Topic t = topics.get(s.topicArn);
                    if (t != null) {
                        Subscription old = subscriptions.get(s.arn);
                        if (old != null) {
                            forget(old);
                        }
                        add(t, s);
                    }
                }
                case "sub-deleted" -> {
                    Subscription s = subscriptions.get(e.path("arn").asText());
                    if (s != null) {
                        forget(s);
                    }
                }
                case "msg" -> {
                    PublishedMessage m = PublishedMessage.fromJournal(e);
                    kept.put(m.messageId(), m);
                }
                case "msgs-cleared" -> kept.clear();
                default -> LOG.warn("Skipping unknown SNS journal entry type '{}'", e.path("t").asText());
            }
        }
        messages.addAll(kept.values());
        restoreFifoState(now);
        compact();
        LOG.info("SNS state restored from {}: {} topics, {} subscriptions, {} messages", journal.file(),
                topics.size(), subscriptions.size(), messages.size());
    }

    /** FIFO topics keep counting from their last sequence number and remember the last 5 minutes of ids. */
    private void restoreFifoState(Instant now) {
        for (PublishedMessage m : messages) {
            Topic t = m.topicArn() == null ? null : topics.get(m.topicArn());
            if (t == null || !t.fifo || m.deduplicationId() == null) {
                continue;
            }
            t.observeSequenceNumber(m.sequenceNumber());
            synchronized (t) {
                if (m.timestamp().plus(Topic.DEDUPLICATION_WINDOW).isAfter(now)) {
                    t.accepted(t.deduplicationKey(m.groupId(), m.deduplicationId()),
                            new Topic.Accepted(m.messageId(), m.sequenceNumber(), m.timestamp()));
                }
            }
        }
    }

    private void compact() {
        List<ObjectNode> snapshot = new ArrayList<>();
        topics.values().forEach(t -> snapshot.add(t.toJournal()));
        subscriptions.values().forEach(s -> snapshot.add(s.toJournal()));
        messages.forEach(m -> snapshot.add(m.toJournal()));
        journal.rewrite(snapshot.iterator());
    }

    /** The topic, or 404 NotFound {@code Topic does not exist}. */
    Topic requireTopic(String arn) {
        Topic t = topics.get(arn);
        if (t == null) {
            throw SnsErrors.notFound("Topic does not exist");
        }
        return t;
    }

    /** Links a subscription into the indexes (caller holds the topic's monitor). */
    void add(Topic topic, Subscription s) {
        topic.subscriptions.put(s.arn, s);
        topic.byEndpoint.put(endpointKey(s.protocol, s.endpoint), s);
        subscriptions.put(s.arn, s);
        byToken.put(s.token, s);
    }

    /** Unlinks a subscription from the indexes (caller holds the topic's monitor when the topic lives on). */
    void forget(Subscription s) {
        subscriptions.remove(s.arn);
        byToken.remove(s.token);
        Topic t = topics.get(s.topicArn);
        if (t != null) {
            t.subscriptions.remove(s.arn);
            t.byEndpoint.remove(endpointKey(s.protocol, s.endpoint), s);
        }
    }

    static String endpointKey(String protocol, String endpoint) {
        return protocol + "\n" + endpoint;
    }

    void addMessage(PublishedMessage m) {
        messagesLock.readLock().lock();
        try {
            messages.add(m);
            write(m.toJournal());
        } finally {
            messagesLock.readLock().unlock();
        }
    }

    List<PublishedMessage> messages() {
        return new ArrayList<>(messages);
    }

    void clearMessages() {
        messagesLock.writeLock().lock();
        try {
            messages.clear();
            write(Json.object().put("t", "msgs-cleared"));
        } finally {
            messagesLock.writeLock().unlock();
        }
    }

    void writeTopic(Topic t) {
        write(t.toJournal());
    }

    void writeTopicDeleted(String arn) {
        write(Json.object().put("t", "topic-deleted").put("arn", arn));
    }

    void writeSubscription(Subscription s) {
        write(s.toJournal());
    }

    void writeSubscriptionDeleted(String arn) {
        write(Json.object().put("t", "sub-deleted").put("arn", arn));
    }

    private void write(ObjectNode entry) {
        if (journal != null) {
            journal.append(entry);
        }
    }

    @Override
    public void close() {
        if (journal != null) {
            journal.close();
        }
    }
}
