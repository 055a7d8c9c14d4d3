package inventory.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Where alerts that were not sent are kept: a queue every replica shares, or a file of one instance's own. */
public interface AlertDeadLetters {

    /** Keeps the dead letter durably, or throws (the record is then read and decided again). */
    void keep(DeadLetter letter);

    /** For the log line. */
    String describe();

    /** The SQS queue ({@code inventory.alert.dead-letter-queue}): durable, shared, outlives the instance. */
    static AlertDeadLetters queue(SqsClient sqs, String queueUrl) {
        return new AlertDeadLetters() {
            @Override
            public void keep(DeadLetter letter) {
                sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(letter.toJson()).messageAttributes(Map.of(
                        "reason", MessageAttributeValue.builder().dataType("String").stringValue(letter.reason()).build(),
                        "eventId", MessageAttributeValue.builder().dataType("String").stringValue(letter.change().eventId()).build())));
            }

            @Override
            public String describe() {
                return "SQS queue " + queueUrl;
            }
        };
    }

    /** One JSON line per dead letter in a file of the state folder: only for one instance without a queue. */
    static AlertDeadLetters file(Path file) {
        return new AlertDeadLetters() {
            @Override
            public void keep(DeadLetter letter) {
                try {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                    Files.writeString(file, letter.toJson() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND, StandardOpenOption.SYNC);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write dead letter to " + file, e);
                }
            }

            @Override
            public String describe() {
                return "file " + file.toAbsolutePath();
            }
        };
    }
}
