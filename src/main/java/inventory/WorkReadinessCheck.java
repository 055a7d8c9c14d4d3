package inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Ready only while the work moves: no part stalled (the stream reader holding records, an import writing nothing,
 * for longer than their {@code stall-after}), and the stream reader electable. DOWN names what and since when; it
 * comes back UP by itself once the work moves again.
 */
public final class WorkReadinessCheck extends AbstractHealthCheck {

    private final List<Progress> parts;
    private final Supplier<Optional<String>> election;

    /** @param election why no stream reader can be elected (e.g. an unreadable lease item), if so */
    public WorkReadinessCheck(List<Progress> parts, Supplier<Optional<String>> election) {
        super("inventory", "work");
        this.parts = List.copyOf(parts);
        this.election = election;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<String> problems = new ArrayList<>();
        parts.forEach(p -> p.stalled().ifPresent(problems::add));
        election.get().ifPresent(problems::add);
        if (problems.isEmpty()) {
            builder.up();
        } else {
            builder.message(String.join("; ", problems)).down();
        }
    }
}
