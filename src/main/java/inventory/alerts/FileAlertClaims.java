package inventory.alerts;

import java.io.UncheckedIOException;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The claims of one instance that keeps its state in files ({@code inventory.state.table} empty): nothing to fence,
 * since only one instance may read the stream; an alert is settled once the published-alert log has its event.
 */
public final class FileAlertClaims extends ServiceSupport implements AlertClaims {

    private final PublishedAlertLog log;
    private volatile boolean reading;

    public FileAlertClaims(PublishedAlertLog log) {
        this.log = log;
    }

    @Override
    protected void doStart() {
        log.start();
    }

    @Override
    protected void doStop() {
        log.stop();
    }

    @Override
    public void begin() {
        reading = true;
    }

    @Override
    public void end() {
        reading = false;
    }

    @Override
    public boolean active() {
        return reading;
    }

    @Override
    public Claim claim(String eventId) {
        claimable();
        return log.contains(eventId) ? Claim.SETTLED : Claim.CLAIMED;
    }

    @Override
    public void confirm() {
        claimable();
    }

    @Override
    public void published(String eventId) {
        settle(eventId);
    }

    @Override
    public void deadLettered(String eventId) {
        settle(eventId);
    }

    @Override
    public String describe() {
        return log.toString();
    }

    private void claimable() {
        if (!reading) {
            throw new FencedOutException("This instance does not read the stream (any more): it publishes nothing");
        }
    }

    private void settle(String eventId) {
        try {
            log.add(eventId);
        } catch (UncheckedIOException e) {
            throw new AlertLogUnavailableException("Cannot record alert " + eventId + " in " + log + ": " + e.getMessage(), e);
        }
    }
}
