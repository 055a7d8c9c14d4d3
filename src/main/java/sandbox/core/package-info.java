/**
 * What every service of the sandbox shares: the HTTP front end ({@link sandbox.core.HttpFrontEnd}), the check of who
 * may call ({@link sandbox.core.CallerCheck}), routing to a service by {@code X-Amz-Target}, signing scope or
 * {@code Action=} ({@link sandbox.core.Router}), fault injection, journals and the JSON mapper.
 *
 * <p>Choices where the sandbox does not do what AWS does:
 * <ul>
 *   <li>Requests are refused (403 in the service's format) when their {@code Host} is not a loopback name, the bind
 *       address or in {@code sandbox.allowed-hosts}, or when a browser marks them as coming from another site
 *       ({@code Origin}, {@code Sec-Fetch-Site}); CORS is never granted. AWS authenticates instead, and serves
 *       browsers under a bucket's CORS configuration.</li>
 *   <li>At most 256 requests are served at once; more are answered 503 ({@code SlowDown} for S3,
 *       {@code ServiceUnavailable} otherwise), and past a further 256 waiting their connection is closed. Request
 *       headers must arrive within 10 s.</li>
 *   <li>JSON is parsed at most 100 levels deep ({@link sandbox.core.Json#MAX_NESTING}).</li>
 * </ul>
 */
package sandbox.core;
