package sandbox;

import sandbox.core.HostList;

/**
 * Which hosts the sandbox deals with besides loopback.
 *
 * @param callers      names a request's {@code Host} (and a browser's {@code Origin}) may carry:
 *                     {@code sandbox.allowed-hosts}, e.g. docker-compose or Kubernetes service names
 * @param snsEndpoints hosts SNS may POST to for http/https subscriptions: {@code sandbox.sns.allowed-hosts}
 */
public record AllowedHosts(HostList callers, HostList snsEndpoints) {

    /** Loopback only, both ways. */
    public static final AllowedHosts LOOPBACK = new AllowedHosts(HostList.NONE, HostList.NONE);
}
