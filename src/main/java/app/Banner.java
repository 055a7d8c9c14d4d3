package app;

import inventory.AwsEndpoint;
import inventory.InventorySettings;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Tells a first-time user where to upload and where alerts appear, with the endpoint in use: the embedded sandbox's
 * (its port as bound), an emulator's, or none for real AWS.
 */
final class Banner extends MainListenerSupport {

    @Override
    public void afterStart(BaseMainSupport main) {
        var registry = main.getCamelContext().getRegistry();
        System.out.println(text(registry.findSingleByType(InventorySettings.class),
                registry.findSingleByType(AwsEndpoint.class)));
    }

    static String text(InventorySettings s, AwsEndpoint aws) {
        String target = "s3://" + s.bucket() + "/" + s.incomingPrefix();
        String topicAlerts = "Alerts: the 'Alert sent' lines below, and the subscribers of topic " + s.topic() + '\n';
        StringBuilder b = new StringBuilder("\n\nInventory pipeline running. Upload CSV files to ").append(target).append('\n');
        if (aws.uri() != null) {
            b.append("  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=")
                    .append(s.aws().region()).append('\n');
            b.append("  aws --endpoint-url ").append(aws.uri()).append(" s3 cp samples/inventory.csv ").append(target).append('\n');
            b.append("  curl -T samples/inventory.csv ").append(aws.uri()).append('/').append(s.bucket()).append('/')
                    .append(s.incomingPrefix()).append("inventory.csv\n");
            b.append("Reports: aws --endpoint-url ").append(aws.uri()).append(" s3 ls s3://").append(s.bucket())
                    .append('/').append(s.reportsPrefix()).append('\n');
            b.append(aws.sandboxMessages() == null ? topicAlerts
                    : "Alerts: the 'Alert sent' lines below, and curl " + aws.sandboxMessages() + '\n');
        } else {
            b.append("  aws s3 cp samples/inventory.csv ").append(target).append('\n');
            b.append(topicAlerts);
        }
        b.append("Press Ctrl-C to stop (the file in progress is finished first).\n");
        return b.toString();
    }
}
