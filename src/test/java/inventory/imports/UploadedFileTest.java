package inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UploadedFileTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "incoming/a.csv|a.csv",
        "incoming/store 1/é.csv|store 1/é.csv",
        "incoming/../../etc/x.csv|%2E%2E/%2E%2E/etc/x.csv",
        "incoming/./x.csv|%2E/x.csv",
        "incoming//x.csv|%2F/x.csv",
        "incoming/100%.csv|100%25.csv",
        "incoming/a..b.csv|a..b.csv",
    })
    void derivedKeysStayBelowTheirPrefix(String key, String relative) {
        UploadedFile f = UploadedFile.of("b", key, "incoming/", "\"e\"", Instant.EPOCH, 1);
        assertThat(f.relativeKey()).isEqualTo(relative);
        String derived = "reports/" + f.relativeKey();
        assertThat(java.nio.file.Path.of("/root").resolve(derived).normalize().startsWith("/root/reports")).isTrue();
    }

    @Test
    void escapingIsOneToOne() {
        assertThat(UploadedFile.safe("%2E%2E/x")).isNotEqualTo(UploadedFile.safe("../x"));
    }

    @Test
    void sourceNamesBucketAndKey() {
        assertThat(UploadedFile.of("b", "incoming/a.csv", "incoming/", "e", Instant.EPOCH, 1).source())
                .isEqualTo("s3://b/incoming/a.csv");
    }
}
