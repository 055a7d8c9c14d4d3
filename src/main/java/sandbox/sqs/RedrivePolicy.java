package sandbox.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import sandbox.core.Json;

/**
 * A queue's {@code RedrivePolicy}: after {@code maxReceiveCount} receives, the next receive attempt moves the
 * message to the dead-letter queue instead.
 */
record RedrivePolicy(String deadLetterTargetArn, int maxReceiveCount) {

    /**
     * Parses the attribute as clients write it ({@code maxReceiveCount} a number or a string of digits);
     * errors are InvalidParameterValue as on AWS.
     */
    static RedrivePolicy parse(String text) {
        JsonNode n;
        try {
            n = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(text, "Redrive policy is not a valid JSON map.");
        }
        if (!n.isObject()) {
            throw invalid(text, "Redrive policy is not a valid JSON map.");
        }
        JsonNode arn = n.get("deadLetterTargetArn");
        if (arn == null || !arn.isTextual() || !arn.asText().startsWith("arn:aws:sqs:")
                || arn.asText().split(":", -1).length != 6) {
            throw invalid(text, "Dead-letter target ARN is not valid.");
        }
        JsonNode count = n.get("maxReceiveCount");
        int max;
        try {
            max = count == null ? 0 : Integer.parseInt(count.asText().trim());
        } catch (NumberFormatException e) {
            max = 0;
        }
        if (max < 1 || max > 1000) {
            throw invalid(text, "Invalid value for maxReceiveCount: " + (count == null ? "null" : count.asText())
                    + ", valid values are from 1 to 1000 both inclusive.");
        }
        return new RedrivePolicy(arn.asText(), max);
    }

    static SqsException invalid(String text, String reason) {
        return SqsErrors.invalidParameter("RedrivePolicy", text, reason);
    }

    /** The form GetQueueAttributes shows. */
    String toJson() {
        return Json.text(Json.object().put("deadLetterTargetArn", deadLetterTargetArn)
                .put("maxReceiveCount", maxReceiveCount));
    }
}
