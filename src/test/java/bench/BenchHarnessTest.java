package bench;

import static org.assertj.core.api.Assertions.assertThat;

import inventory.InventorySettings.CsvColumns;
import inventory.imports.CsvHeader;
import inventory.imports.InventoryRow;
import inventory.imports.RowCheck;
import inventory.imports.UpdatedAt;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure pieces of the benchmark harness (the benchmarks themselves run from bench/run.sh, never here). */
class BenchHarnessTest {

    @TempDir
    Path dir;

    @Test
    void percentilesAreNearestRank() {
        Stats s = Stats.of(IntStream.rangeClosed(1, 100).mapToDouble(i -> 101 - i).toArray());
        assertThat(s.count()).isEqualTo(100);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.p50()).isEqualTo(50);
        assertThat(s.p95()).isEqualTo(95);
        assertThat(s.p99()).isEqualTo(99);
        assertThat(s.max()).isEqualTo(100);
        assertThat(Stats.of(new double[] {7}).p99()).isEqualTo(7);
    }

    @Test
    void peakHeapIsTheLargestFigureBeforeACollection() throws Exception {
        Path log = dir.resolve("gc.log");
        Files.writeString(log, String.join("\n",
                "[0.010s][info][gc] Using G1",
                "[1.234s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->6M(256M) 3.100ms",
                "[5.678s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 131M->40M(256M) 5.200ms",
                "[9.000s][info][gc] GC(2) Pause Full (System.gc()) 90M->30M(200M) 20.000ms", ""));
        GcLog gc = GcLog.read(log);
        assertThat(gc.peakUsedMib()).isEqualTo(131);
        assertThat(gc.committedMib()).isEqualTo(256);
        assertThat(gc.collections()).isEqualTo(3);
        assertThat(gc.fullCollections()).isEqualTo(1);
        assertThat(gc.lastAfterMib()).isEqualTo(30);
    }

    @Test
    void generatedFileIsValidInventoryWithAboutOnePercentOutOfStock() throws Exception {
        Path file = dir.resolve("f.csv");
        long zeros = InventoryCsv.write(file, "t", 20_000, 42);
        RowCheck check = new RowCheck(CsvHeader.of(List.of(InventoryCsv.HEADER.split(",")),
                new CsvColumns("store", "item", "quantity", "updated_at")),
                new UpdatedAt(ZoneOffset.UTC, Clock.systemUTC()));
        long rows = 0;
        try (Reader in = Files.newBufferedReader(file)) {
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                RowCheck.Outcome o = check.check(rows + 2, r.toList());
                assertThat(o.accepted()).as("line %d: %s", rows + 2, o.rejection()).isTrue();
                assertThat(o.row()).isEqualTo(InventoryCsv.row("t", rows, 42));
                rows++;
            }
        }
        assertThat(rows).isEqualTo(20_000);
        assertThat(zeros).isBetween(100L, 300L);
        assertThat(InventoryCsv.write(dir.resolve("again.csv"), "t", 20_000, 42)).isEqualTo(zeros);
        assertThat(Files.mismatch(file, dir.resolve("again.csv"))).isEqualTo(-1);
    }

    @Test
    void rowsOfOneFileHaveDistinctKeys() {
        var keys = IntStream.range(0, 5_000).mapToObj(i -> InventoryCsv.row("k", i, 1))
                .map(r -> r.store() + "/" + r.item()).distinct().count();
        assertThat(keys).isEqualTo(5_000);
        InventoryRow first = InventoryCsv.row("k", 0, 1);
        assertThat(first.line()).isEqualTo(2);
    }
}
