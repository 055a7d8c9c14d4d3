package inventory.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inventory.InventorySettings;
import inventory.PipelineMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The steps of the alert route: read a stream record, decide, shape the alert, and account for it.
 * Message headers are replaced wholesale before publishing because Camel's SNS producer turns every
 * non-Camel header into a message attribute: the alert carries exactly {@code store}, {@code item},
 * {@code quantity}.
 */
public final class AlertSteps {

    /** Exchange property holding the stream event id (FIFO deduplication id). */
    public static final String EVENT_ID = "inventoryEventId";
    /** Exchange property holding the {@link StockChange}. */
    public static final String CHANGE = "inventoryStockChange";
    private static final Logger LOG = LoggerFactory.getLogger(AlertSteps.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StockAlertPolicy policy;
    private final InventorySettings settings;
    private final PipelineMetrics metrics;
    private final Path deadLetters;
    private final Clock clock;

    /** @param policy the same one the stream consumer pre-filters with, so both apply one rule */
    public AlertSteps(InventorySettings settings, StockAlertPolicy policy, PipelineMetrics metrics, Path deadLetters,
                      Clock clock) {
        this.settings = settings;
        this.policy = policy;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /**
     * Stream record in, {@link StockChange} out (body and property). Not counted here: the stream reader counts
     * every record it finishes, including those its pre-filter finished without an exchange.
     */
    public void read(Exchange exchange) {
        StockChange change = StockChange.of(exchange.getMessage().getBody(Record.class));
        exchange.setProperty(CHANGE, change);
        exchange.getMessage().setBody(change);
    }

    /** The route's own statement of the rule; the consumer's pre-filter ({@link StockAlertPolicy#canAlert}) agrees. */
    public boolean shouldAlert(Exchange exchange) {
        return policy.shouldAlert(exchange.getProperty(CHANGE, StockChange.class));
    }

    /** The alert message as body; headers: exactly the three attributes (plus Camel's own, which SNS skips). */
    public void prepare(Exchange exchange) {
        StockChange change = exchange.getProperty(CHANGE, StockChange.class);
        StockAlert alert = StockAlert.of(change);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader("store", alert.store());
        message.setHeader("item", alert.item());
        message.setHeader("quantity", alert.quantity());
        message.setHeader("CamelAwsSnsSubject", StockAlert.SUBJECT);
        exchange.setProperty(EVENT_ID, alert.eventId());
        exchange.setProperty("CamelAwsSnsMessageGroupId", alert.store());
        message.setBody(alert.message(settings.alertFormat()));
    }

    public void published(Exchange exchange) {
        StockChange change = exchange.getProperty(CHANGE, StockChange.class);
        metrics.alertPublished();
        LOG.info("Alert sent: {} at store {} quantity {} (event {}, {})", change.item(), change.store(),
                change.newQuantity().toPlainString(), change.eventId(), change.eventName());
    }

    public void publishFailed(Exchange exchange) {
        metrics.publishFailed();
    }

    /**
     * True for errors worth retrying: throttling, 5xx, network, and any failure of the shared published-alert log
     * (it says nothing about the alert); false when the destination refuses the alert.
     */
    public static boolean isRetryable(Throwable error) {
        if (ObjectHelper.getException(AlertLogUnavailableException.class, error) != null) {
            return true;
        }
        AwsServiceException aws = ObjectHelper.getException(AwsServiceException.class, error);
        return aws == null || aws.isThrottlingException() || aws.statusCode() >= 500 || aws.statusCode() == 429;
    }

    /**
     * The destination refused the alert for good (e.g. 400 InvalidParameter): keep it in the dead-letter
     * file in the state folder, so it is not lost, and count it.
     */
    public void deadLetter(Exchange exchange) {
        StockChange change = exchange.getProperty(CHANGE, StockChange.class);
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ObjectNode line = JSON.createObjectNode();
        line.put("at", clock.instant().toString()).put("eventId", change.eventId()).put("store", change.store())
                .put("item", change.item()).put("quantity", change.newQuantity().toPlainString())
                .put("message", exchange.getMessage().getBody(String.class))
                .put("error", String.valueOf(error));
        try {
            Files.createDirectories(deadLetters.toAbsolutePath().getParent());
            Files.writeString(deadLetters, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dead letter to " + deadLetters, e);
        }
        metrics.alertDeadLettered();
        LOG.error("Alert for {} at store {} refused by the destination, kept in {}: {}", change.item(),
                change.store(), deadLetters, error == null ? "" : error.getMessage());
    }
}
