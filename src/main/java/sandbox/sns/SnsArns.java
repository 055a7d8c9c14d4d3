package sandbox.sns;

/** Builds and checks the ARNs of topics and subscriptions, with the errors AWS gives for bad ones. */
final class SnsArns {

    private final String region;
    private final String account;

    SnsArns(String region, String account) {
        this.region = region;
        this.account = account;
    }

    String account() {
        return account;
    }

    String topicArn(String name) {
        return "arn:aws:sns:" + region + ":" + account + ":" + name;
    }

    /**
     * Checks that {@code arn} is a topic ARN of this region; {@code param} names the parameter in the
     * error ({@code TopicArn}, {@code TargetArn}, {@code ResourceArn}).
     */
    String checkTopicArn(String arn, String param) {
        String[] parts = arn.split(":", -1);
        if (parts.length < 6) {
            throw SnsErrors.invalidParameter("Invalid parameter: " + param
                    + " Reason: An ARN must have at least 6 elements, not " + parts.length);
        }
        if (parts.length != 6 || !"arn".equals(parts[0]) || !"sns".equals(parts[2]) || !region.equals(parts[3])
                || parts[5].isEmpty()) {
            throw SnsErrors.invalidParameter("Invalid parameter: " + param);
        }
        return arn;
    }

    /** Checks the shape of a subscription ARN ({@code <topic arn>:<id>}). */
    String checkSubscriptionArn(String arn) {
        String[] parts = arn.split(":", -1);
        if (parts.length < 6) {
            throw SnsErrors.invalidParameter("Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 "
                    + "elements, not " + parts.length);
        }
        if (parts.length != 7 || !"arn".equals(parts[0]) || !"sns".equals(parts[2])) {
            throw SnsErrors.invalidParameter("Invalid parameter: SubscriptionId");
        }
        return arn;
    }
}
