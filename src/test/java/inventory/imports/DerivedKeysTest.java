package inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever the uploaded object's key, the report, rejected-rows, processed and failed keys derived from it stay
 * below their prefixes (no '.', '..' or empty segment a path-minded tool could climb with), fit S3's 1024
 * bytes, and two different uploads never share one.
 */
class DerivedKeysTest {

    private static final List<String> PIECES = List.of("/", "/", ".", "..", "%", "%2E", "%2F", "~", " ", "\\", "a", "b.csv",
            "é", "日本", "\uD83D\uDCE6", "\t", "\n", "\u0000", "%25", "L".repeat(300), "€".repeat(120));
    private static final List<String> PREFIXES = List.of("processed/", "failed/", "reports/", "rejected/");

    @Test
    void randomKeysNeverLeadOutOfTheirPrefixesAndNeverCollide() {
        ImportArchive archive = new ImportArchive(null, PREFIXES.get(0), PREFIXES.get(1), PREFIXES.get(2), PREFIXES.get(3));
        Random random = new Random(6);
        Map<String, String> byRelative = new HashMap<>();
        for (int n = 0; n < 5_000; n++) {
            StringBuilder key = new StringBuilder("incoming/");
            for (int i = random.nextInt(12); i >= 0; i--) {
                key.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            String k = key.append(".csv").toString(); // only keys with the import suffix are imported
            if (k.getBytes(StandardCharsets.UTF_8).length > 1024) {
                continue; // S3 refuses such keys in the first place
            }
            UploadedFile file = UploadedFile.of("b", k, "incoming/", "e", Instant.EPOCH, 1,
                    archive.maxRelativeKeyBytes());
            List<String> derived = List.of(archive.processedKey(file), archive.failedKey(file), archive.reportKey(file),
                    archive.rejectedKey(file));
            for (int i = 0; i < derived.size(); i++) {
                String d = derived.get(i);
                assertThat(d).as(k).startsWith(PREFIXES.get(i));
                assertThat(d.getBytes(StandardCharsets.UTF_8).length).as(k).isLessThanOrEqualTo(1024);
                for (String segment : d.substring(PREFIXES.get(i).length()).split("/", -1)) {
                    assertThat(segment).as(k).isNotIn("", ".", "..");
                }
            }
            String before = byRelative.putIfAbsent(file.relativeKey(), k);
            assertThat(before == null || before.equals(k)).as("'%s' and '%s' share %s", before, k, file.relativeKey()).isTrue();
        }
        assertThat(byRelative).hasSizeGreaterThan(2_500);
    }
}
