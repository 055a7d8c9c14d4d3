package inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.Abortable;

/** The import route's state: one object under one exchange property, shared by the split's copies. */
class ImportWorkTest {

    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void noWorkUntilAStepBeginsItThenTheSameWorkForEveryStep() {
        assertThat(ImportWork.find(exchange)).isNull();
        ImportWork work = ImportWork.on(exchange);
        assertThat(ImportWork.on(exchange)).isSameAs(work);
        assertThat(ImportWork.find(exchange.copy())).as("a row exchange of the split").isSameAs(work);
        assertThat(exchange.getProperties()).containsOnlyKeys(ImportWork.PROPERTY);
        assertThat(work.attempt()).as("not recorded yet").isZero();
    }

    @Test
    void theDownloadIsHandedOverOnceSoItIsAbortedOnce() {
        ImportWork work = ImportWork.on(exchange);
        Abortable download = () -> { };
        work.download(download);
        assertThat(work.takeDownload()).isSameAs(download);
        assertThat(work.takeDownload()).isNull();
    }
}
