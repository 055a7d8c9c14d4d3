package inventory.imports;

import inventory.table.WriteResult;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * How the write of one row ended: written ({@code result}) or refused by DynamoDB ({@code rejection}, its reason).
 */
public record RowOutcome(WriteResult result, String rejection) {

    public static RowOutcome of(WriteResult result) {
        return new RowOutcome(result, null);
    }

    /** DynamoDB refused the row itself (ValidationException, or ValidationError in a batch), with its own words. */
    public static RowOutcome refused(String dynamoDbMessage) {
        return new RowOutcome(null, "DynamoDB refused the row: " + dynamoDbMessage);
    }

    /** A request DynamoDB refuses for good because of its content: 400 ValidationException. */
    static boolean isRowProblem(AwsServiceException e) {
        return e.statusCode() == 400 && e.awsErrorDetails() != null
                && "ValidationException".equals(e.awsErrorDetails().errorCode());
    }
}
