package inventory.imports;

/**
 * The SQS message an import came from ({@code events} mode), shared by the exchanges of its records: the queue it was
 * received from, how often it has been received (the file's attempt number), and whether an import asked for it to
 * come back later instead of being deleted.
 */
public final class Delivery {

    /** Exchange property holding the delivery. */
    public static final String PROPERTY = "inventoryImportDelivery";

    private final String queue;
    private final String receiptHandle;
    private final int receiveCount;
    private volatile boolean retry;

    /** @param queue the URL of the queue the message was received from */
    public Delivery(String queue, String receiptHandle, int receiveCount) {
        this.queue = queue;
        this.receiptHandle = receiptHandle;
        this.receiveCount = receiveCount;
    }

    /** The URL of the queue the message came from: the import queue or its dead-letter queue. */
    public String queue() {
        return queue;
    }

    public String receiptHandle() {
        return receiptHandle;
    }

    /** 1 for the first receive. */
    public int receiveCount() {
        return receiveCount;
    }

    /** Keep the message: it becomes visible again after a backoff, and the import is tried again. */
    public void retryLater() {
        retry = true;
    }

    public boolean retry() {
        return retry;
    }
}
