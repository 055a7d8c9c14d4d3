package inventory.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishedAlertLogTest {

    @TempDir
    Path dir;

    @Test
    void publishedEventsSurviveARestart() throws Exception {
        Path file = dir.resolve("state/published.log");
        PublishedAlertLog log = new PublishedAlertLog(file, Clock.systemUTC());
        log.start();
        assertThat(log.add("e1")).isTrue();
        assertThat(log.add("e1")).isFalse();
        assertThat(log.contains("e2")).isFalse();
        log.stop();

        PublishedAlertLog again = new PublishedAlertLog(file, Clock.systemUTC());
        again.start();
        assertThat(again.contains("e1")).isTrue();
        assertThat(again.contains("e2")).isFalse();
        again.stop();
    }

    @Test
    void tornLastLineFromACrashIsIgnored() throws Exception {
        Path file = dir.resolve("published.log");
        long now = Instant.now().getEpochSecond();
        Files.writeString(file, "e1 " + now + "\ne2");
        PublishedAlertLog log = new PublishedAlertLog(file, Clock.systemUTC());
        log.start();
        assertThat(log.contains("e1")).isTrue();
        assertThat(log.contains("e2")).isFalse();
        assertThat(log.add("e3")).isTrue();
        log.stop();
        assertThat(Files.readAllLines(file)).hasSize(2).allMatch(l -> l.matches("e[13] \\d+"));
    }

    @Test
    void entriesOlderThanStreamRetentionAreDroppedAtStart() throws Exception {
        Path file = dir.resolve("published.log");
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        long old = now.minus(49, ChronoUnit.HOURS).getEpochSecond();
        long recent = now.minus(25, ChronoUnit.HOURS).getEpochSecond();
        Files.writeString(file, "old " + old + "\nrecent " + recent + "\n");
        PublishedAlertLog log = new PublishedAlertLog(file, Clock.fixed(now, ZoneOffset.UTC));
        log.start();
        assertThat(log.contains("old")).isFalse();
        assertThat(log.contains("recent")).isTrue();
        assertThat(log.size()).isEqualTo(1);
        log.stop();
    }
}
