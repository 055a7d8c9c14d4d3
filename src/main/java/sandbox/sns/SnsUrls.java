package sandbox.sns;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The URLs the sandbox hands out in messages, all pointing back at itself: SubscribeURL and
 * UnsubscribeURL are ordinary awsQuery GETs (as on AWS), SigningCertURL an admin path.
 */
final class SnsUrls {

    static final String CERTIFICATE_PATH = "SimpleNotificationService-sandbox.pem";

    private final String base;

    SnsUrls(URI endpoint) {
        String s = endpoint.toString();
        this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    String subscribeUrl(String topicArn, String token) {
        return base + "/?Action=ConfirmSubscription&TopicArn=" + encode(topicArn) + "&Token=" + encode(token);
    }

    String unsubscribeUrl(String subscriptionArn) {
        return base + "/?Action=Unsubscribe&SubscriptionArn=" + encode(subscriptionArn);
    }

    String signingCertUrl() {
        return base + "/_sandbox/sns/" + CERTIFICATE_PATH;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
