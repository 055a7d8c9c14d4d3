package inventory.imports;

import inventory.table.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementError;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DuplicateItemException;

/**
 * {@code inventory.import.write=batch}: the rows of a request go out as one PartiQL BatchExecuteStatement, each row
 * its own conditional statement with its own outcome ({@link PartiqlRowStatements}). "New item OR stored updatedAt
 * older" holds exactly because every row's outcome is decided by one atomic statement, at one instant, as one
 * conditional PutItem would decide it:
 *
 * <table>
 * <caption>outcomes</caption>
 * <tr><th>statement</th><th>reply</th><th>means</th><th>then</th></tr>
 * <tr><td>INSERT</td><td>success</td><td>the item did not exist</td><td>INSERTED</td></tr>
 * <tr><td>INSERT</td><td>DuplicateItem</td><td>it exists</td><td>UPDATE next round</td></tr>
 * <tr><td>UPDATE</td><td>success</td><td>it existed with an older or no updatedAt</td><td>UPDATED</td></tr>
 * <tr><td>UPDATE</td><td>ConditionalCheckFailed with the item (ALL_OLD)</td><td>it exists, as new or newer</td><td>STALE</td></tr>
 * <tr><td>UPDATE</td><td>ConditionalCheckFailed without an item</td><td>it did not exist (a PartiQL UPDATE is no upsert)</td>
 *     <td>INSERT next round; if the row already met its item (a DuplicateItem before), ask again alone, since a batch
 *     reply may lack the item</td></tr>
 * <tr><td>any</td><td>ThrottlingError, ProvisionedThroughputExceeded, InternalServerError, RequestLimitExceeded,
 *     TransactionConflict</td><td>not run</td><td>the same statement alone (ExecuteStatement: the SDK's retries with
 *     jitter), never the whole batch again</td></tr>
 * <tr><td>any</td><td>ValidationError (ValidationException alone)</td><td>refused for good</td><td>rejected row, DynamoDB's
 *     reason</td></tr>
 * <tr><td>any</td><td>ResourceNotFound, AccessDenied, anything else</td><td></td><td>the file stops, to be imported again</td></tr>
 * </table>
 *
 * A DuplicateItem then a failed UPDATE without an item means other writers created and deleted the item in between:
 * after {@link #MAX_STATEMENTS_PER_ROW} statements the file stops (nothing lost: it is imported again). A whole
 * request DynamoDB refuses as invalid is run statement by statement, so only the bad rows are rejected; any other
 * whole-request failure (after the SDK's retries) stops the file. Which statement goes first is
 * {@link FirstStatementChoice}'s call.
 *
 * <p>One difference from PutItem, by design of UPDATE: PutItem replaces the whole item, UPDATE SET only sets the
 * row's attributes. When a newer file lacks a pass-through column an earlier file had, put mode drops that attribute
 * and batch mode keeps its old value (an INSERT writes exactly the row, as PutItem does).
 */
final class PartiqlBatchWrites implements WriteStrategy {

    /** AWS's limit on statements per BatchExecuteStatement. */
    static final int MAX_STATEMENTS = 25;
    /** Row bytes per request: well under DynamoDB's request limits; a larger row (up to 400 KB) goes alone. */
    static final long MAX_BYTES = 256 * 1024;
    /** Bound on the INSERT/UPDATE alternation other writers can cause. */
    static final int MAX_STATEMENTS_PER_ROW = 8;

    /** Per-statement codes worth running the statement again (BatchStatementErrorCodeEnum). */
    static final Set<String> TRANSIENT = Set.of("ThrottlingError", "ProvisionedThroughputExceeded",
            "InternalServerError", "RequestLimitExceeded", "TransactionConflict");

    enum Step { INSERT, UPDATE }

    /** What to do with a row after a statement's reply: an outcome, a next statement, or this statement alone. */
    record Verdict(RowOutcome outcome, Step next, boolean alone) {
        static Verdict done(RowOutcome outcome) {
            return new Verdict(outcome, null, false);
        }

        static Verdict then(Step next) {
            return new Verdict(null, next, false);
        }

        static Verdict alone(Step step) {
            return new Verdict(null, step, true);
        }
    }

    /** A row's next statement; {@code metItem} once a DuplicateItem showed its item exists. */
    private record Attempt(int index, Step step, int statements, boolean metItem) {
    }

    private final DynamoDbClient dynamoDb;
    private final PartiqlRowStatements statements;
    private final FirstStatementChoice choice;

    @Override
    public int maxRows() {
        return MAX_STATEMENTS;
    }

    @Override
    public long maxBytes() {
        return MAX_BYTES;
    }

    PartiqlBatchWrites(DynamoDbClient dynamoDb, PartiqlRowStatements statements, FirstStatementChoice choice) {
        this.dynamoDb = dynamoDb;
        this.statements = statements;
        this.choice = choice;
    }

    @Override
    public List<RowOutcome> write(List<InventoryRow> rows) {
        RowOutcome[] out = new RowOutcome[rows.size()];
        Step first = choice.first();
        List<Attempt> round = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            round.add(new Attempt(i, first, 1, false));
        }
        while (!round.isEmpty()) {
            List<BatchStatementRequest> requests = round.stream().map(a -> statement(rows.get(a.index()), a.step())).toList();
            List<BatchStatementResponse> responses = send(requests);
            List<Attempt> next = new ArrayList<>();
            for (int k = 0; k < round.size(); k++) {
                Attempt a = round.get(k);
                Verdict v = responses == null ? alone(a, requests.get(k))
                        : after(a.step(), responses.get(k).error(), a.metItem(), true);
                if (v.alone()) {
                    v = alone(a, requests.get(k));
                }
                if (v.outcome() != null) {
                    out[a.index()] = v.outcome();
                } else {
                    next.add(follow(a, v.next(), rows.get(a.index())));
                }
            }
            round = next;
        }
        choice.observe(out);
        return List.of(out);
    }

    /** The reply to one statement, as the outcome table above reads it. {@code error} null is success. */
    static Verdict after(Step step, BatchStatementError error, boolean metItem, boolean inBatch) {
        if (error == null) {
            return Verdict.done(RowOutcome.of(step == Step.INSERT ? WriteResult.INSERTED : WriteResult.UPDATED));
        }
        String code = error.codeAsString();
        if ("DuplicateItem".equals(code) || "ConditionalCheckFailed".equals(code) && step == Step.INSERT) {
            return Verdict.then(Step.UPDATE);
        }
        if ("ConditionalCheckFailed".equals(code)) {
            if (error.hasItem() && !error.item().isEmpty()) {
                return Verdict.done(RowOutcome.of(WriteResult.STALE));
            }
            return inBatch && metItem ? Verdict.alone(step) : Verdict.then(Step.INSERT);
        }
        if ("ValidationError".equals(code)) {
            return Verdict.done(RowOutcome.refused(error.message()));
        }
        if (inBatch && TRANSIENT.contains(code)) {
            return Verdict.alone(step);
        }
        throw new StatementFailedException(code, error.message());
    }

    private Attempt follow(Attempt a, Step next, InventoryRow row) {
        if (a.statements() >= MAX_STATEMENTS_PER_ROW) {
            throw new StatementFailedException("TooManyAttempts", "item " + row.store() + "/" + row.item() + " (line "
                    + row.line() + ") was created and deleted by other writers " + a.statements() + " times while being written");
        }
        return new Attempt(a.index(), next, a.statements() + 1, a.metItem() || next == Step.UPDATE);
    }

    private BatchStatementRequest statement(InventoryRow row, Step step) {
        return step == Step.INSERT ? statements.insert(row) : statements.update(row);
    }

    /** One BatchExecuteStatement; null when DynamoDB refused the request as a whole as invalid. */
    private List<BatchStatementResponse> send(List<BatchStatementRequest> requests) {
        try {
            return dynamoDb.batchExecuteStatement(b -> b.statements(requests)).responses();
        } catch (AwsServiceException e) {
            if (RowOutcome.isRowProblem(e)) {
                return null;
            }
            throw e;
        }
    }

    /** The statement as one ExecuteStatement, its exception read as the batch's per-statement error. */
    private Verdict alone(Attempt a, BatchStatementRequest request) {
        BatchStatementError error;
        try {
            dynamoDb.executeStatement(PartiqlRowStatements.alone(request));
            error = null;
        } catch (ConditionalCheckFailedException e) {
            error = BatchStatementError.builder().code("ConditionalCheckFailed").message(message(e))
                    .item(e.hasItem() ? e.item() : null).build();
        } catch (DuplicateItemException e) {
            error = BatchStatementError.builder().code("DuplicateItem").message(message(e)).build();
        } catch (AwsServiceException e) {
            if (!RowOutcome.isRowProblem(e)) {
                throw e;
            }
            error = BatchStatementError.builder().code("ValidationError").message(message(e)).build();
        }
        return after(a.step(), error, a.metItem(), false);
    }

    private static String message(AwsServiceException e) {
        return e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
    }

    /** A statement failed in a way no retry of this row mends (table missing, access denied): the file stops. */
    static final class StatementFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StatementFailedException(String code, String message) {
            super(code + ": " + message);
        }
    }
}
