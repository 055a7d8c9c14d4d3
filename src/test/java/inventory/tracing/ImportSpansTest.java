package inventory.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import inventory.imports.ImportReport;
import inventory.imports.ImportWorkTestSupport;
import inventory.imports.RetryableImportException;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The import span from the exchange's state when the import-file route is done with it. */
class ImportSpansTest {

    private final List<SpanData> exported = new CopyOnWriteArrayList<>();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    exported.addAll(spans);
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            })).build();
    private final ImportSpans spans = new ImportSpans(provider.get("test"));
    private final DefaultCamelContext context = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        provider.close();
        context.close();
    }

    private Exchange upload(String key) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(AWS2S3Constants.BUCKET_NAME, "uploads");
        exchange.getMessage().setHeader(AWS2S3Constants.KEY, key);
        exchange.getMessage().setHeader(AWS2S3Constants.CONTENT_LENGTH, 1234L);
        spans.onExchangeBegin(null, exchange);
        return exchange;
    }

    private static ImportReport report(String status, String failure, String archivedAs) {
        return new ImportReport("incoming/a.csv", 10, 6, 1, 2, 1, List.of(), 0, "2026-11-24T09:00:00.000Z",
                "2026-11-24T09:00:01.000Z", status, failure, null, archivedAs);
    }

    @Test
    void aProcessedFileCarriesItsCounts() {
        Exchange exchange = upload("incoming/a.csv");
        ImportWorkTestSupport.ended(exchange, report("processed", null, "processed/a.csv"));
        spans.onExchangeDone(null, exchange);

        SpanData span = exported.get(0);
        assertThat(span.getName()).isEqualTo("import");
        assertThat(span.getParentSpanContext().isValid()).isFalse();
        assertThat(span.getAttributes().get(ImportSpans.KEY)).isEqualTo("incoming/a.csv");
        assertThat(span.getAttributes().get(ImportSpans.BUCKET)).isEqualTo("uploads");
        assertThat(span.getAttributes().get(AlertSpans.UPLOAD)).isEqualTo("s3://uploads/incoming/a.csv");
        assertThat(span.getAttributes().get(ImportSpans.BYTES)).isEqualTo(1234L);
        assertThat(span.getAttributes().get(ImportSpans.ROWS)).isEqualTo(10L);
        assertThat(span.getAttributes().get(ImportSpans.INSERTED)).isEqualTo(6L);
        assertThat(span.getAttributes().get(ImportSpans.UPDATED)).isEqualTo(1L);
        assertThat(span.getAttributes().get(ImportSpans.STALE)).isEqualTo(2L);
        assertThat(span.getAttributes().get(ImportSpans.REJECTED)).isEqualTo(1L);
        assertThat(span.getAttributes().get(ImportSpans.OUTCOME)).isEqualTo("processed");
        assertThat(span.getAttributes().get(ImportSpans.ERROR)).isNull();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void aFailedFileSaysWhy() {
        Exchange exchange = upload("incoming/a.csv");
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("bad"));
        ImportWorkTestSupport.ended(exchange, report("failed", "the file has no store column", "failed/a.csv"));
        spans.onExchangeDone(null, exchange);

        SpanData span = exported.get(0);
        assertThat(span.getAttributes().get(ImportSpans.OUTCOME)).isEqualTo("failed");
        assertThat(span.getAttributes().get(ImportSpans.ERROR)).isEqualTo("the file has no store column");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getStatus().getDescription()).isEqualTo("the file has no store column");
    }

    @Test
    void aFileLeftForTheNextTryWasRetriedWithTheCause() {
        Exchange exchange = upload("incoming/a.csv");
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new RetryableImportException("writing failed",
                new IllegalStateException("Throughput exceeds the current capacity")));
        spans.onExchangeDone(null, exchange);

        SpanData span = exported.get(0);
        assertThat(span.getAttributes().get(ImportSpans.OUTCOME)).isEqualTo("retried");
        assertThat(span.getAttributes().get(ImportSpans.ERROR)).isEqualTo("Throughput exceeds the current capacity");
        assertThat(span.getAttributes().get(ImportSpans.ROWS)).isNull(); // the file was not opened
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    @Test
    void anObjectThatIsNoFileToImportMakesNoSpan() {
        spans.onExchangeDone(null, upload("incoming/readme.txt"));
        assertThat(exported).isEmpty();
    }

    @Test
    void aKeyWithLineBreaksIsEscaped() {
        Exchange exchange = upload("incoming/a\nb.csv");
        ImportWorkTestSupport.ended(exchange, report("processed", null, "processed/a%0Ab.csv"));
        spans.onExchangeDone(null, exchange);
        assertThat(exported.get(0).getAttributes().get(ImportSpans.KEY)).isEqualTo("incoming/a\\u000Ab.csv");
    }

    @Test
    void aSpanStillOpenWhenTheRoutesStoppedIsEndedAsItsExchangeStands() {
        Exchange exchange = upload("incoming/a.csv");
        // Camel skips onExchangeDone while the context stops: the file the shutdown let finish
        ImportWorkTestSupport.ended(exchange, report("processed", null, "processed/a.csv"));
        spans.endOpen();
        assertThat(exported).singleElement()
                .satisfies(s -> assertThat(s.getAttributes().get(ImportSpans.OUTCOME)).isEqualTo("processed"));
        spans.onExchangeDone(null, exchange);
        assertThat(exported).hasSize(1); // ended once
    }
}
