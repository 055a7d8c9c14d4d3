package inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
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
        UploadedFile f = UploadedFile.of("b", key, "incoming/", "\"e\"", Instant.EPOCH, 1, Integer.MAX_VALUE);
        assertThat(f.relativeKey()).isEqualTo(relative);
        String derived = "reports/" + f.relativeKey();
        assertThat(java.nio.file.Path.of("/root").resolve(derived).normalize().startsWith("/root/reports")).isTrue();
    }

    @Test
    void escapingIsOneToOne() {
        assertThat(UploadedFile.safe("%2E%2E/x")).isNotEqualTo(UploadedFile.safe("../x"));
    }

    @Test
    void keyTooLongForADerivedKeyIsShortenedUniquelyWithinS3sLimit() {
        ImportArchive archive = new ImportArchive(null, "processed/", "failed/", "reports/", "rejected/");
        // incoming/ + 1015 bytes = 1024, the longest key S3 takes; processed/ and reports/...json need more
        UploadedFile f = longKey(archive, "L".repeat(1011) + ".csv");
        UploadedFile g = longKey(archive, "L".repeat(1010) + "M.csv");
        UploadedFile euro = longKey(archive, "\u20ac".repeat(337) + ".csv");

        for (UploadedFile file : List.of(f, g, euro)) {
            for (String derived : List.of(archive.reportKey(file), archive.processedKey(file), archive.failedKey(file),
                    archive.rejectedKey(file))) {
                assertThat(derived.getBytes(StandardCharsets.UTF_8).length).as(derived).isLessThanOrEqualTo(1024);
            }
            assertThat(file.relativeKey()).matches(".*~[0-9a-f]{16}");
        }
        assertThat(f.relativeKey()).startsWith("LLLLLLLL").isNotEqualTo(g.relativeKey());
        assertThat(euro.relativeKey()).startsWith("\u20ac\u20ac").doesNotContain("\uFFFD");
        assertThat(longKey(archive, "short.csv").relativeKey()).isEqualTo("short.csv");
    }

    private static UploadedFile longKey(ImportArchive archive, String name) {
        return UploadedFile.of("b", "incoming/" + name, "incoming/", "e", Instant.EPOCH, 1, archive.maxRelativeKeyBytes());
    }

    @Test
    void sourceNamesBucketAndKey() {
        assertThat(UploadedFile.of("b", "incoming/a.csv", "incoming/", "e", Instant.EPOCH, 1, Integer.MAX_VALUE).source())
                .isEqualTo("s3://b/incoming/a.csv");
    }
}
