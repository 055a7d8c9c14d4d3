package inventory.imports;

import inventory.imports.PartiqlBatchWrites.Step;
import inventory.table.WriteResult;

/**
 * Which statement a row tries first in batch mode. A row whose guess is right costs one statement, a wrong guess
 * two (INSERT then UPDATE for an existing item; UPDATE then INSERT for a new one), so the choice follows what recent
 * rows found: INSERT first while most were new (a first load), UPDATE first while most existed (a refresh or a
 * re-import, where stale rows end with the UPDATE's failed condition). Shared by the files of one pipeline, since
 * it describes the table; starts with INSERT (an empty table).
 */
final class FirstStatementChoice {

    /** Weight of the latest request's rows in the running share. */
    private static final double WEIGHT = 0.3;

    private double newShare = 1.0;

    synchronized Step first() {
        return newShare >= 0.5 ? Step.INSERT : Step.UPDATE;
    }

    /** Learns from one request's outcomes (rejected rows say nothing about the table). */
    synchronized void observe(RowOutcome[] outcomes) {
        int inserted = 0;
        int existing = 0;
        for (RowOutcome o : outcomes) {
            if (o.result() == WriteResult.INSERTED) {
                inserted++;
            } else if (o.result() != null) {
                existing++;
            }
        }
        if (inserted + existing > 0) {
            newShare = (1 - WEIGHT) * newShare + WEIGHT * inserted / (inserted + existing);
        }
    }
}
