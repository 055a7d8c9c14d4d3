package inventory.imports;

/**
 * The SQS message an import came from ({@code events} mode), shared by the exchanges of its records: how often it
 * has been received (the file's attempt number), and whether an import asked for it to come back later instead
 * of being deleted.
 */
public final class Delivery {

    /** Exchange property holding the delivery. */
    public static final String PROPERTY = "inventoryImportDelivery";

    private final String receiptHandle;
    private final int receiveCount;
    private volatile boolean retry;

    public Delivery(String receiptHandle, int receiveCount) {
        this.receiptHandle = receiptHandle;
        this.receiveCount = receiveCount;
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
