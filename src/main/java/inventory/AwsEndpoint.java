package inventory;

import java.net.URI;

/**
 * The AWS endpoint the pipeline talks to: the embedded sandbox's or an emulator's URL, or null for real AWS.
 * For the start-up banner and tests.
 */
public record AwsEndpoint(URI uri) {
}
