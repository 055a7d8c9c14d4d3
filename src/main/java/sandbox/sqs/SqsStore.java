package sandbox.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sandbox.core.Journal;
import sandbox.core.Json;

/**
 * SQS state: queues by name and their messages, in memory and, with a data folder, in a journal
 * ({@code sqs/state.jsonl}) replayed and compacted at start-up. One lock guards it all: SQS operations are
 * a few map updates, and a single lock keeps dead-letter moves between two queues (and the journal's order)
 * simple and deadlock-free. Long polls wait on a queue's condition of this lock, releasing it.
 */
final class SqsStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsStore.class);

    final ReentrantLock lock = new ReentrantLock();
    /** Queues by name, sorted for ListQueues. */
    private final TreeMap<String, Queue> queues = new TreeMap<>();
    private final Journal journal;

    SqsStore(Path dataDir) {
        this.journal = dataDir == null ? null : Journal.open(dataDir.resolve("state.jsonl"));
        if (journal != null) {
            replay();
        }
    }

    // ---- lookups (caller holds the lock)

    Queue queue(String name) {
        Queue q = queues.get(name);
        if (q == null) {
            throw SqsErrors.queueDoesNotExist();
        }
        return q;
    }

    Queue find(String name) {
        return queues.get(name);
    }

    /** The queue an ARN names, or null. */
    Queue byArn(String arn) {
        Queue q = arn == null ? null : queues.get(arn.substring(arn.lastIndexOf(':') + 1));
        return q != null && q.arn.equals(arn) ? q : null;
    }

    List<Queue> queues() {
        return new ArrayList<>(queues.values());
    }

    Queue create(String name, String arn, long now) {
        Queue q = new Queue(name, arn, now, lock.newCondition());
        queues.put(name, q);
        return q;
    }

    void drop(Queue q) {
        queues.remove(q.name);
        q.deleted = true;
        q.arrivals.signalAll();
        write(Json.object().put("t", "queue-deleted").put("name", q.name));
    }

    // ---- journal writes (caller holds the lock, so the journal's order is the order of changes)

    void writeQueue(Queue q) {
        write(q.toJournal());
    }

    void writeMessage(Queue q, SqsMessage m) {
        if (journal != null) {
            write(m.toJournal().put("t", "msg").put("q", q.name));
        }
    }

    void writeState(Queue q, SqsMessage m) {
        if (journal != null) {
            write(m.writeState(Json.object().put("t", "state").put("q", q.name).put("id", m.id)));
        }
    }

    void writeDeleted(Queue q, String id) {
        write(Json.object().put("t", "del").put("q", q.name).put("id", id));
    }

    void writePurge(Queue q) {
        write(Json.object().put("t", "purge").put("q", q.name));
    }

    void writeMove(Queue from, Queue to, SqsMessage m) {
        if (journal != null) {
            write(m.writeState(Json.object().put("t", "move").put("q", from.name).put("to", to.name).put("id", m.id)
                    .put("dlqSource", m.deadLetterSourceArn)));
        }
    }

    private void write(ObjectNode entry) {
        if (journal != null) {
            journal.append(entry);
        }
    }

    // ---- persistence

    private void replay() {
        for (JsonNode e : journal.replay()) {
            String type = e.path("t").asText();
            Queue q = queues.get(e.path(type.equals("queue") || type.equals("queue-deleted") ? "name" : "q").asText());
            switch (type) {
                case "queue" -> {
                    Queue fresh = Queue.fromJournal(e, lock.newCondition());
                    if (q != null) {
                        fresh.messages.putAll(q.messages);
                    }
                    queues.put(fresh.name, fresh);
                }
                case "queue-deleted" -> queues.remove(e.path("name").asText());
                case "msg" -> {
                    if (q != null) {
                        SqsMessage m = SqsMessage.fromJournal(e);
                        q.messages.put(m.id, m);
                    }
                }
                case "state" -> {
                    SqsMessage m = q == null ? null : q.messages.get(e.path("id").asText());
                    if (m != null) {
                        m.readState(e);
                    }
                }
                case "del" -> {
                    if (q != null) {
                        q.messages.remove(e.path("id").asText());
                    }
                }
                case "purge" -> {
                    if (q != null) {
                        q.messages.clear();
                    }
                }
                case "move" -> {
                    SqsMessage m = q == null ? null : q.messages.remove(e.path("id").asText());
                    Queue to = queues.get(e.path("to").asText());
                    if (m != null && to != null) {
                        m.deadLetterSourceArn = e.path("dlqSource").asText(null);
                        m.readState(e);
                        to.messages.put(m.id, m);
                    }
                }
                default -> LOG.warn("Skipping unknown SQS journal entry type '{}'", type);
            }
        }
        List<ObjectNode> snapshot = new ArrayList<>();
        int messages = 0;
        for (Queue q : queues.values()) {
            snapshot.add(q.toJournal());
            for (SqsMessage m : new ArrayList<>(q.messages.values())) {
                q.schedule(m);
                snapshot.add(m.toJournal().put("t", "msg").put("q", q.name));
                messages++;
            }
        }
        journal.rewrite(snapshot.iterator());
        LOG.info("SQS state restored from {}: {} queues, {} messages", journal.file(), queues.size(), messages);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            queues.values().forEach(q -> q.arrivals.signalAll());
        } finally {
            lock.unlock();
        }
        if (journal != null) {
            journal.close();
        }
    }
}
