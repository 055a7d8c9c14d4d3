package sandbox.sns;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import sandbox.core.HostList;

/**
 * The hosts SNS may POST to for http/https subscriptions: loopback, plus {@code sandbox.sns.allowed-hosts}. Without
 * this the sandbox would POST wherever a Subscribe pointed it (a port scanner of the network it runs in). A name is
 * resolved and every address it has must be loopback (or listed), so a public name pointing at 127.0.0.1 passes
 * and one pointing elsewhere does not; Subscribe checks it, and every delivery attempt checks it again right before
 * connecting, so a name re-pointed after Subscribe (DNS rebinding) is refused. The JVM caches a lookup for 30 s,
 * so the client connects to the address just checked. A name listed in {@code sandbox.sns.allowed-hosts} is
 * trusted whatever it resolves to.
 */
final class DeliveryHosts {

    /** Name resolution; DNS in production, a fixed answer in tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final HostList allowed;
    private final Resolver resolver;

    DeliveryHosts(HostList allowed, Resolver resolver) {
        this.allowed = allowed;
        this.resolver = resolver;
    }

    /** Why SNS may not deliver to this endpoint URL, or empty when it may. */
    Optional<String> refusal(String endpoint) {
        String host = URI.create(endpoint).getHost();
        if (host == null) {
            return Optional.of("the endpoint has no host");
        }
        if (allowed.contains(host)) {
            return Optional.empty();
        }
        String h = HostList.normalize(host);
        InetAddress[] addresses;
        try {
            InetAddress literal = HostList.literal(h);
            addresses = literal != null ? new InetAddress[] {literal} : resolver.resolve(h);
        } catch (UnknownHostException e) {
            return Optional.of("host " + host + " cannot be resolved");
        }
        for (InetAddress a : addresses) {
            if (!a.isLoopbackAddress() && !allowed.containsAddress(a)) {
                return Optional.of("host " + host + " is " + a.getHostAddress()
                        + ", not loopback and not in sandbox.sns.allowed-hosts");
            }
        }
        return addresses.length == 0 ? Optional.of("host " + host + " has no address") : Optional.empty();
    }
}
