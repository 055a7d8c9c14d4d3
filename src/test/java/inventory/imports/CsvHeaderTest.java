package inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inventory.InventorySettings.CsvColumns;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvHeaderTest {

    private static final CsvColumns COLUMNS = new CsvColumns("store", "item", "quantity", "updated_at");

    @Test
    void matchesColumnsByNameIgnoringCaseSpacesAndBom() {
        CsvHeader h = CsvHeader.of(List.of("\uFEFFQuantity", " Store ", "extra", "item"), COLUMNS);
        assertThat(h.quantity()).isZero();
        assertThat(h.store()).isEqualTo(1);
        assertThat(h.item()).isEqualTo(3);
        assertThat(h.updatedAt()).isEqualTo(-1);
        assertThat(h.extras()).containsExactly(2);
        assertThat(h.names()).containsExactly("Quantity", "Store", "extra", "item");
    }

    @Test
    void renamedColumnsAreHonoured() {
        CsvHeader h = CsvHeader.of(List.of("shop", "sku", "qty", "ts"), new CsvColumns("shop", "sku", "qty", "ts"));
        assertThat(h.updatedAt()).isEqualTo(3);
        assertThat(h.extras()).isEmpty();
    }

    @Test
    void missingRequiredColumnsAreNamed() {
        assertThatThrownBy(() -> CsvHeader.of(List.of("store", "sku", "qty"), COLUMNS))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("the header row lacks required columns item, quantity (it has: store, sku, qty)");
    }

    @Test
    void emptyFileHasNoHeader() {
        assertThatThrownBy(() -> CsvHeader.of(List.of(), COLUMNS)).hasMessageContaining("no header row");
    }

    @Test
    void duplicateAndBlankColumnsAreRefused() {
        assertThatThrownBy(() -> CsvHeader.of(List.of("store", "item", "quantity", "Store"), COLUMNS))
                .hasMessageContaining("'Store' appears twice").hasMessageContaining("columns 1 and 4");
        assertThatThrownBy(() -> CsvHeader.of(List.of("store", "", "item", "quantity"), COLUMNS))
                .hasMessageContaining("column 2 of the header row has no name");
    }

    @Test
    void binaryHeaderIsNotText() {
        assertThatThrownBy(() -> CsvHeader.of(List.of("\u0000\u0001PK", "x"), COLUMNS)).hasMessageContaining("not UTF-8 text");
        assertThatThrownBy(() -> CsvHeader.of(List.of("st\uFFFDre", "x"), COLUMNS)).hasMessageContaining("not UTF-8 text");
    }

    @Test
    void columnsNamedLikeOwnAttributesAreRefused() {
        assertThatThrownBy(() -> CsvHeader.of(List.of("store", "item", "quantity", "source"), COLUMNS))
                .hasMessageContaining("'source' clashes");
    }
}
