package inventory.tracing;

import inventory.RootCause;
import inventory.imports.ImportReport;
import inventory.imports.ImportSession;
import inventory.imports.ImportWork;
import inventory.imports.UploadedFile;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;

/**
 * The span {@code import}: one file's import, the root of its own trace, from the moment the {@code import-file} route
 * takes the upload until the file is reported and archived, failed, or left to be tried again. Its rows make no
 * spans of their own: a million-row file is one span with its counts.
 */
final class ImportSpans extends ExchangeSpans {

    /** {@code routes.ImportFileRoute.ROUTE_ID} (the inventory packages may not depend on the routes). */
    static final String ROUTE_ID = "import-file";
    static final String NAME = "import";

    static final AttributeKey<String> BUCKET = AttributeKey.stringKey("aws.s3.bucket");
    static final AttributeKey<String> KEY = AttributeKey.stringKey("aws.s3.key");
    static final AttributeKey<Long> BYTES = AttributeKey.longKey("inventory.import.bytes");
    static final AttributeKey<Long> ROWS = AttributeKey.longKey("inventory.import.rows");
    static final AttributeKey<Long> INSERTED = AttributeKey.longKey("inventory.import.inserted");
    static final AttributeKey<Long> UPDATED = AttributeKey.longKey("inventory.import.updated");
    static final AttributeKey<Long> STALE = AttributeKey.longKey("inventory.import.stale");
    static final AttributeKey<Long> REJECTED = AttributeKey.longKey("inventory.import.rejected");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("inventory.import.outcome");
    static final AttributeKey<String> ERROR = AttributeKey.stringKey("inventory.import.error");
    static final AttributeKey<String> ARCHIVED_AS = AttributeKey.stringKey("inventory.import.archived_as");

    private final Tracer tracer;

    ImportSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    Span begin(Exchange exchange) {
        Message in = exchange.getMessage();
        String bucket = in.getHeader(AWS2S3Constants.BUCKET_NAME, String.class);
        String key = in.getHeader(AWS2S3Constants.KEY, String.class);
        Long bytes = in.getHeader(AWS2S3Constants.CONTENT_LENGTH, Long.class);
        Span span = tracer.spanBuilder(NAME).setSpanKind(SpanKind.CONSUMER).setNoParent()
                .setAttribute(BUCKET, SpanText.of(bucket))
                .setAttribute(KEY, SpanText.of(key))
                // the items' source, as the import writes it: the alert spans carry the same value
                .setAttribute(AlertSpans.UPLOAD, SpanText.of(new UploadedFile(bucket, key, key, null, null, -1).source()))
                .startSpan();
        if (bytes != null) {
            span.setAttribute(BYTES, bytes);
        }
        return span;
    }

    @Override
    boolean describe(Exchange exchange, Span span) {
        ImportWork work = ImportWork.find(exchange);
        ImportReport report = work == null ? null : work.report();
        ImportSession session = work == null ? null : work.session();
        Throwable error = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (report == null && session == null && error == null) {
            return false; // not a file to import (its key's suffix): nothing happened
        }
        String outcome;
        String reason;
        if (report != null) {
            outcome = report.status();
            reason = report.failure();
            span.setAttribute(ARCHIVED_AS, SpanText.of(report.archivedAs()));
        } else {
            // no report: the file stays where it is for the next try (S3 or DynamoDB failed, or the pipeline stopped)
            outcome = "retried";
            reason = error != null ? RootCause.message(error) : "the pipeline stopped before the file was finished";
            report = session == null ? null : session.report(Clock.systemUTC(), outcome, reason, null, null);
        }
        if (report != null) {
            span.setAttribute(ROWS, report.rows());
            span.setAttribute(INSERTED, report.inserted());
            span.setAttribute(UPDATED, report.updated());
            span.setAttribute(STALE, report.stale());
            span.setAttribute(REJECTED, report.rejected());
        }
        span.setAttribute(OUTCOME, outcome);
        if (reason != null) {
            span.setAttribute(ERROR, SpanText.of(reason));
            span.setStatus(StatusCode.ERROR, SpanText.of(reason));
        }
        return true;
    }
}
