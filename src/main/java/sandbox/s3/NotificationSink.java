package sandbox.s3;

/**
 * Where S3 event notifications go: the sandbox wires it to its SQS, so this package does not depend on it.
 * Queues are named by ARN, as a bucket's notification configuration names them.
 */
public interface NotificationSink {

    /** No queues at all: every configuration naming a queue is refused (S3 on its own). */
    NotificationSink NONE = new NotificationSink() {
        @Override
        public boolean queueExists(String queueArn) {
            return false;
        }

        @Override
        public void send(String queueArn, String body) {
            // nowhere to go
        }
    };

    /** Whether the destination queue exists (S3 validates a configuration's destinations). */
    boolean queueExists(String queueArn);

    /** Delivers one event message (JSON) to the queue; a queue deleted since is silently skipped, as on AWS. */
    void send(String queueArn, String body);
}
