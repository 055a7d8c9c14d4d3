package inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;

import inventory.InventorySettings.CsvColumns;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowCheckTest {

    private static final Instant FALLBACK = Instant.parse("2026-11-20T08:00:00Z");
    private static final CsvColumns COLUMNS = new CsvColumns("store", "item", "quantity", "updated_at");
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
    private final RowCheck check = new RowCheck(CsvHeader.of(List.of("store", "item", "quantity", "updated_at", "name"),
            COLUMNS), new UpdatedAt(ZoneOffset.UTC, clock));

    private RowCheck.Outcome row(String store, String item, String quantity, String updatedAt) {
        return check.check(7, List.of(store, item, quantity, updatedAt, "Widget"));
    }

    @Test
    void validRowKeepsExtrasAndItsOwnTimestamp() {
        RowCheck.Outcome o = row("s1", "sku-1", "12", "2026-11-24T10:00:00Z");
        assertThat(o.accepted()).isTrue();
        assertThat(o.row()).isEqualTo(new InventoryRow(7, "s1", "sku-1", 12, Instant.parse("2026-11-24T10:00:00Z"),
                java.util.Map.of("name", "Widget")));
    }

    @Test
    void rowWithoutTimestampIsLeftForTheStampStepWhichGivesItTheFallback() {
        InventoryRow checked = row("s1", "sku-1", "0", "").row();
        assertThat(checked.updatedAt()).isNull();
        assertThat(checked.stamped(FALLBACK).updatedAt()).isEqualTo(FALLBACK);
    }

    @Test
    void stampingKeepsARowsOwnTimestamp() {
        InventoryRow own = row("s1", "sku-1", "12", "2026-11-24T10:00:00Z").row();
        assertThat(own.stamped(FALLBACK)).isSameAs(own);
    }

    @Test
    void fileWithoutUpdatedAtColumnUsesTheFallback() {
        RowCheck noStamp = new RowCheck(CsvHeader.of(List.of("store", "item", "quantity"), COLUMNS),
                new UpdatedAt(ZoneOffset.UTC, clock));
        assertThat(noStamp.check(2, List.of("s", "i", "3")).row().stamped(FALLBACK).updatedAt()).isEqualTo(FALLBACK);
    }

    @Test
    void keysWithControlCharactersAreRejected() {
        // a line break or terminal escape in an id would forge log lines and garble alerts
        assertThat(row("s1", "a\nINFO forged line", "1", "").rejection())
                .isEqualTo("item contains a control character (U+000A); ids must be printable text");
        assertThat(row("s\u001b[31m", "a", "1", "").rejection())
                .isEqualTo("store contains a control character (U+001B); ids must be printable text");
        assertThat(row("s1", "nul\u0000", "1", "").rejection()).contains("(U+0000)");
        assertThat(row("s1", "tab\there", "1", "").rejection()).contains("(U+0009)");
        assertThat(row("s1", "caf\u00e9 \u65e5\u672c", "1", "").accepted()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5.0|not a whole number",
        "' 5'|not a whole number",
        "+5|not a whole number",
        "-1|not a whole number",
        "''|not a whole number",
        "1e3|not a whole number",
        "99999999999999999999|larger than 9223372036854775807",
        "9223372036854775808|larger than 9223372036854775807",
    })
    void quantityMustBeAWholeNumberInRange(String quantity, String reason) {
        RowCheck.Outcome o = row("s1", "sku", quantity, "");
        assertThat(o.accepted()).isFalse();
        assertThat(o.rejection()).contains(reason);
    }

    @Test
    void largestQuantityAndLeadingZerosAreFine() {
        assertThat(row("s", "i", "9223372036854775807", "").row().quantity()).isEqualTo(Long.MAX_VALUE);
        assertThat(row("s", "i", "007", "").row().quantity()).isEqualTo(7);
    }

    @Test
    void keysMustBePresentTrimmedAndWithinDynamoDbLimits() {
        assertThat(row("", "i", "1", "").rejection()).isEqualTo("store is empty");
        assertThat(row("s", "", "1", "").rejection()).isEqualTo("item is empty");
        assertThat(row(" s", "i", "1", "").rejection()).contains("spaces around it");
        assertThat(row("s", "x".repeat(1025), "1", "").rejection()).contains("1025 bytes long; DynamoDB allows 1024");
        assertThat(row("s", "é".repeat(512), "1", "").accepted()).isTrue();
        assertThat(row("s", "é".repeat(513), "1", "").rejection()).contains("1026 bytes");
        assertThat(row("s".repeat(2049), "i", "1", "").rejection()).contains("DynamoDB allows 2048");
    }

    @Test
    void badTimestampRejectsTheRowWithTheParserReason() {
        assertThat(row("s", "i", "1", "2026-11-24").rejection()).contains("date without a time");
    }

    @Test
    void wrongFieldCountIsRejected() {
        assertThat(check.check(3, List.of("s", "i")).rejection()).isEqualTo("has 2 fields, the header has 5");
    }

    @Test
    void invalidUtf8IsRejected() {
        assertThat(row("s\uFFFD", "i", "1", "").rejection()).isEqualTo("is not valid UTF-8 text");
    }

    @Test
    void rowOverTheItemLimitIsRejected() {
        RowCheck.Outcome o = check.check(9, List.of("s", "i", "1", "", "x".repeat(10 * 1024 * 1024)));
        assertThat(o.rejection()).contains("400 KB item limit");
    }
}
