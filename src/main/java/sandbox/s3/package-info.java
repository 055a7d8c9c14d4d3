/**
 * The sandbox's Amazon S3 ({@link sandbox.s3.S3Service}), path-style REST-XML as the AWS SDK for Java v2, the AWS CLI
 * and boto3 send it: buckets, objects with their checksums (single-part, COMPOSITE and FULL_OBJECT multipart),
 * listings, copies, bucket notifications to the sandbox's SQS, and persistence under {@code <data-dir>/s3}.
 *
 * <p>Choices where the sandbox does not do what AWS does:
 * <ul>
 *   <li>Path-style only: a virtual-hosted request ({@code bucket.localhost}) is NotImplemented with a message
 *       that says to use path style.</li>
 *   <li>Notifications go to the sandbox's SQS only (no topics, Lambda or EventBridge), and only ObjectCreated
 *       events; a queue policy is not checked.</li>
 *   <li>A FULL_OBJECT multipart checksum is computed by reading the object once at CompleteMultipartUpload (AWS
 *       combines the parts' CRCs); a checksum sent with the completion of an upload created without an algorithm
 *       is ignored.</li>
 *   <li>User metadata ({@link sandbox.s3.UserMetadataText}): RFC 2047 encoded words are decoded before storing and
 *       a value that is not printable ASCII is returned Q-encoded in UTF-8, as AWS documents; header bytes that
 *       form valid UTF-8 are read as UTF-8 (AWS does not document how it reads raw bytes). The JDK's HTTP server
 *       trims control characters at the very start or end of a header value before S3 sees it.</li>
 * </ul>
 */
package sandbox.s3;
