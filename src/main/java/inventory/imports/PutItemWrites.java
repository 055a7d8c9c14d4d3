package inventory.imports;

import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** {@code inventory.import.write=put}: each row is one conditional PutItem ({@link ConditionalPut}). */
final class PutItemWrites implements WriteStrategy {

    private final ConditionalPut put;
    private final String source;

    PutItemWrites(ConditionalPut put, String source) {
        this.put = put;
        this.source = source;
    }

    @Override
    public int maxRows() {
        return 1;
    }

    @Override
    public long maxBytes() {
        return Long.MAX_VALUE;
    }

    @Override
    public List<RowOutcome> write(List<InventoryRow> rows) {
        return rows.stream().map(this::write).toList();
    }

    private RowOutcome write(InventoryRow row) {
        try {
            return RowOutcome.of(put.put(row, source));
        } catch (AwsServiceException e) {
            if (RowOutcome.isRowProblem(e)) {
                return RowOutcome.refused(e.awsErrorDetails().errorMessage());
            }
            throw e;
        }
    }
}
