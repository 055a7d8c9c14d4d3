/**
 * The sandbox's IAM: an identity-based policy ({@code sandbox.iam.policy}) that every AWS API request must pass, so
 * that a missing permission shows up locally as the AccessDenied AWS would answer.
 *
 * <p>Scope: the one policy applies to every caller, named after the access key id it signs with
 * ({@code arn:aws:iam::<account>:user/<key id>}; unsigned requests are {@code anonymous}), except requests signed
 * with {@code sandbox.iam.admin-access-key}, which set up resources and read results unchecked. Without a policy
 * nothing is checked (the default). {@link sandbox.iam.AccessGate} asks, for each request, the questions of
 * AWS's Service Authorization Reference ({@code S3Actions}, {@code DynamoDbActions}, {@code StreamsActions},
 * {@code SnsActions}, {@code SqsActions}) and answers a refusal in the API's own error format.
 * {@code /_sandbox/iam/policy} (GET, PUT, DELETE) shows or replaces the policy at run time,
 * {@code /_sandbox/iam/denials} lists the refusals, {@code /_sandbox/iam/allowed} counts the allowed actions per
 * caller. It is a test aid, not a security boundary: signatures are not verified and the admin endpoints are open.
 *
 * <p>Known differences from AWS, each the stricter reading where AWS's is unclear or not modelled:
 * <ul>
 *   <li>Only identity policies: no bucket, queue or topic policies, SCPs, permission boundaries or session policies;
 *       deliveries the sandbox makes itself (S3 notifications to SQS, SNS to subscribers) are not checked.</li>
 *   <li>Conditions: the string, ARN, Bool and Null operators (also {@code ...IfExists}) on the keys
 *       {@code aws:PrincipalArn|PrincipalAccount|PrincipalType|username|SecureTransport|RequestedRegion|SourceArn|
 *       SourceAccount} and {@code s3:prefix|delimiter|max-keys}. Any other operator (Numeric, Date, IpAddress,
 *       {@code ForAllValues:}/{@code ForAnyValue:}) or key makes its statement fail closed: an Allow never applies,
 *       a Deny always does; a WARN says so when the policy is loaded, and the denial's reason names it. Policy
 *       variables ({@code ${aws:username}}) are refused when the policy is loaded.</li>
 *   <li>A {@code *} in a Resource matches across {@code :} and {@code /} anywhere (AWS: a trailing {@code *} of an
 *       ARN segment does); ArnLike/ArnEquals match the six ARN parts one by one, as AWS does.</li>
 *   <li>DeleteObjects is refused whole (403) when one key is denied; AWS deletes the others and reports that key
 *       in the result. BatchExecuteStatement, BatchWriteItem and BatchGetItem are refused whole when one statement or
 *       table is denied. A statement the PartiQL parser refuses is not asked about: the service refuses it.</li>
 *   <li>Unsubscribe, Get/SetSubscriptionAttributes are asked on {@code *} (the reference lists no resource type);
 *       an unsigned ConfirmSubscription or Unsubscribe (the URLs SNS hands out, whose token is the credential) is not
 *       checked.</li>
 * </ul>
 */
package sandbox.iam;
