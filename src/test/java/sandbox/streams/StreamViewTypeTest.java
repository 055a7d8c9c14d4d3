package sandbox.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

class StreamViewTypeTest {

    private static StreamsHarness h;

    @BeforeAll
    static void start() {
        h = StreamsHarness.start();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @ParameterizedTest
    @CsvSource({
        "KEYS_ONLY, false, false",
        "NEW_IMAGE, true, false",
        "OLD_IMAGE, false, true",
        "NEW_AND_OLD_IMAGES, true, true"})
    void recordsCarryTheImagesTheirViewTypeAsksFor(String viewType, boolean newImages, boolean oldImages) {
        String table = "View_" + viewType;
        String arn = h.table(table, viewType).streamArn();
        var v1 = StreamsHarness.item("id", "Fred", "a", "1");
        var v2 = StreamsHarness.item("id", "Fred", "a", "22");
        h.insert(table, v1);
        h.modify(table, v1, v2);
        h.remove(table, v2);

        List<Record> records = h.readAll(arn);
        assertThat(records).hasSize(3);
        Record insert = records.get(0);
        Record modify = records.get(1);
        Record remove = records.get(2);
        for (Record r : records) {
            assertThat(r.dynamodb().streamViewType()).isEqualTo(StreamViewType.fromValue(viewType));
            assertThat(r.dynamodb().keys()).containsOnlyKeys("id");
        }
        assertThat(insert.dynamodb().hasNewImage()).isEqualTo(newImages);
        assertThat(insert.dynamodb().hasOldImage()).isFalse();
        assertThat(modify.dynamodb().hasNewImage()).isEqualTo(newImages);
        assertThat(modify.dynamodb().hasOldImage()).isEqualTo(oldImages);
        assertThat(remove.dynamodb().hasNewImage()).isFalse();
        assertThat(remove.dynamodb().hasOldImage()).isEqualTo(oldImages);
        // keys: id+Fred = 6; v1 image = 6 + 2 = 8; v2 image = 6 + 3 = 9
        assertThat(insert.dynamodb().sizeBytes()).isEqualTo(6 + (newImages ? 8 : 0));
        assertThat(modify.dynamodb().sizeBytes()).isEqualTo(6 + (newImages ? 9 : 0) + (oldImages ? 8 : 0));
        assertThat(remove.dynamodb().sizeBytes()).isEqualTo(6 + (oldImages ? 9 : 0));
    }
}
