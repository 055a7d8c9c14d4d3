package sandbox.dynamodb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import sandbox.streams.TableChangeSink;
import sandbox.item.PackedItem;

/** A TableChangeSink that remembers every call, standing in for the Streams service in hand-off tests. */
final class RecordingSink implements TableChangeSink {

    record Change(String table, ObjectNode keys, ObjectNode oldImage, ObjectNode newImage) {
        String kind() {
            return oldImage == null ? "INSERT" : newImage == null ? "REMOVE" : "MODIFY";
        }
    }

    record Enable(String table, String viewType, ArrayNode keySchema, Instant created) {
    }

    final List<Change> changes = Collections.synchronizedList(new ArrayList<>());
    final List<Enable> enabled = Collections.synchronizedList(new ArrayList<>());
    final List<String> disabled = Collections.synchronizedList(new ArrayList<>());

    @Override
    public StreamInfo enableStream(String tableName, String viewType, ArrayNode keySchema, Instant tableCreatedAt) {
        enabled.add(new Enable(tableName, viewType, keySchema, tableCreatedAt));
        return new StreamInfo("arn:aws:dynamodb:us-east-1:000000000000:table/" + tableName
                + "/stream/2024-01-01T00:00:00.000", "2024-01-01T00:00:00.000", viewType);
    }

    @Override
    public void disableStream(String tableName) {
        disabled.add(tableName);
    }

    @Override
    public void onChange(String tableName, ObjectNode keys, PackedItem oldImage, PackedItem newImage) {
        changes.add(new Change(tableName, keys, oldImage == null ? null : oldImage.toJson(),
                newImage == null ? null : newImage.toJson()));
    }

    List<Change> changesOf(String table) {
        synchronized (changes) {
            return changes.stream().filter(c -> c.table().equals(table)).toList();
        }
    }
}
