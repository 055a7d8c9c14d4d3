package sandbox.iam;

/** The ARNs of the sandbox's resources, in its region and account. */
record Arns(String region, String account) {

    String bucket(String bucket) {
        return "arn:aws:s3:::" + bucket;
    }

    String object(String bucket, String key) {
        return "arn:aws:s3:::" + bucket + "/" + key;
    }

    /** A table by name, or the ARN DynamoDB also accepts as {@code TableName}. */
    String table(String nameOrArn) {
        return nameOrArn.startsWith("arn:") ? nameOrArn
                : "arn:aws:dynamodb:" + region + ":" + account + ":table/" + nameOrArn;
    }

    String topic(String name) {
        return "arn:aws:sns:" + region + ":" + account + ":" + name;
    }

    String queue(String queueAccount, String name) {
        return "arn:aws:sqs:" + region + ":" + queueAccount + ":" + name;
    }
}
