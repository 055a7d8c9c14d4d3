package inventory;

import inventory.streams.LineageStreamComponent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.BeanIntrospection;
import org.apache.camel.support.PluginHelper;

/**
 * Camel's own {@code camel.component.aws2-*} keys, where they do not apply: the pipeline builds one set of AWS
 * clients from {@code aws.endpoint}, {@code aws.region} and {@code aws.profile} and hands it to every component, so
 * a component's own connection options (region, credentials, endpoint override, proxy) would be silently ignored.
 * Set, they stop start-up naming the key and what to set instead. The components' other options keep Camel's
 * meaning where a route does not set them itself (README, "Camel's own keys").
 */
final class AwsComponentKeys implements StartupListener {

    /** The components whose clients the pipeline provides. */
    static final List<String> COMPONENTS = List.of("aws2-s3", "aws2-sqs", "aws2-sns", "aws2-ddb", "aws2-ddbstream",
            LineageStreamComponent.SCHEME);
    /** Their configuration's connection options, as Camel's property keys name them. */
    static final List<String> CONNECTION_OPTIONS = List.of("region", "accessKey", "secretKey", "sessionToken",
            "useDefaultCredentialsProvider", "useProfileCredentialsProvider", "useSessionCredentials",
            "profileCredentialsName", "overrideEndpoint", "uriEndpointOverride", "proxyHost", "proxyPort",
            "trustAllCertificates");

    @Override
    public void onCamelContextStarting(CamelContext context, boolean alreadyStarted) {
        // Camel Main has applied every camel.component.* key by now; the routes have not started
        BeanIntrospection beans = PluginHelper.getBeanIntrospection(context);
        for (String name : COMPONENTS) {
            Component component = context.hasComponent(name);
            Object configuration = component == null ? null
                    : beans.getOrElseProperty(component, "configuration", null, false);
            if (configuration == null) {
                continue;
            }
            Map<String, Object> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            beans.getProperties(configuration, options, null, false);
            for (String option : CONNECTION_OPTIONS) {
                Object value = options.get(option);
                if (value != null && !Boolean.FALSE.equals(value)) { // the value may be a secret: never shown
                    throw new IllegalStateException("camel.component." + name + "." + option + " is set, but this "
                            + "pipeline does not use it: it builds one set of AWS clients for every component from "
                            + "aws.endpoint, aws.region and aws.profile (credentials from the default chain); set "
                            + "those instead and remove camel.component." + name + "." + option);
                }
            }
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // checked before the routes start
    }
}
