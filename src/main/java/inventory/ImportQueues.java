package inventory;

/**
 * The queues of {@code events} mode, as URLs (resolved once at start-up, so the consumers need no
 * {@code sqs:ListQueues}).
 *
 * @param queue           the queue the bucket notifies of new uploads
 * @param deadLetterQueue where a notification goes after {@code inventory.import.max-attempts} receives
 */
public record ImportQueues(String queue, String deadLetterQueue) {
}
