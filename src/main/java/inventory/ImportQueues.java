package inventory;

/**
 * The queues of {@code events} mode, as URLs (resolved once at start-up, so the consumers need no
 * {@code sqs:ListQueues}). Bound in {@code events} mode only, under {@link #BEAN}: the events routes name their
 * consumers' queues with Camel's {@code {{bean:importQueues.queue}}} placeholders, resolved only when Camel creates
 * those endpoints.
 *
 * @param queue           the queue the bucket notifies of new uploads
 * @param deadLetterQueue where a notification goes after {@code inventory.import.max-attempts} receives
 */
public record ImportQueues(String queue, String deadLetterQueue) {

    /** The registry name the routes' placeholders look it up by (Camel's {@code bean:} function takes no dotted name). */
    public static final String BEAN = "importQueues";

    /** The import queue's name, the last part of its URL. */
    public String queueName() {
        return name(queue);
    }

    /** The dead-letter queue's name, the last part of its URL. */
    public String deadLetterQueueName() {
        return name(deadLetterQueue);
    }

    private static String name(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
