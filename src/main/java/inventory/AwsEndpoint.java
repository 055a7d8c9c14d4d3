package inventory;

import java.net.URI;

/**
 * The AWS endpoint the pipeline talks to, as in use. For the start-up banner and tests.
 *
 * @param uri             the embedded sandbox's URL (its port as bound) or an emulator's; null for real AWS
 * @param sandboxMessages where the embedded sandbox lists the SNS messages it received; null unless it runs here
 */
public record AwsEndpoint(URI uri, URI sandboxMessages) {

    public static AwsEndpoint of(LocalAws local, InventorySettings.AwsTarget target) {
        return local == null ? new AwsEndpoint(target.endpoint(), null)
                : new AwsEndpoint(local.endpoint(), local.publishedMessages());
    }
}
