package sandbox.core;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may call the sandbox: requests addressed to one of its own names (the {@code Host} header: a loopback
 * name or address, the interface it binds, or {@code sandbox.allowed-hosts}), and never a browser page of another
 * site ({@code Origin}, {@code Sec-Fetch-Site}). This is what keeps a web page the developer happens to visit from
 * using the unauthenticated sandbox: by DNS rebinding (its own name in {@code Host}), by a form or fetch (an
 * {@code Origin} or {@code Sec-Fetch-Site: cross-site}), or by a plain GET such as {@code ?Action=Subscribe}. AWS
 * clients send neither browser header. A request without {@code Host} (HTTP/1.0) cannot come from a browser and
 * passes.
 */
public final class CallerCheck {

    private static final Logger LOG = LoggerFactory.getLogger(CallerCheck.class);
    /** Distinct refused hosts and origins logged at WARN; an attacker's random names must not fill the log. */
    private static final int LOGGED_AT_WARN = 100;
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private final HostList allowed;
    private final Set<String> ownNames;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    /**
     * @param allowed  {@code sandbox.allowed-hosts}
     * @param ownNames the names and addresses of the interface the sandbox binds (normalised)
     */
    public CallerCheck(HostList allowed, Set<String> ownNames) {
        this.allowed = allowed;
        this.ownNames = Set.copyOf(ownNames);
    }

    /**
     * For a sandbox bound to {@code bindHost}: a non-loopback interface adds its address and the machine's name;
     * a wildcard ({@code 0.0.0.0}, {@code ::}) every interface's addresses.
     */
    public static CallerCheck forBind(String bindHost, HostList allowed) {
        return new CallerCheck(allowed, namesOf(bindHost));
    }

    static Set<String> namesOf(String bindHost) {
        Set<String> names = new LinkedHashSet<>();
        String bind = HostList.normalize(bindHost);
        if (HostList.isLoopback(bind)) {
            return names;
        }
        names.add(bind);
        try {
            InetAddress any = InetAddress.getByName(bind);
            if (any.isAnyLocalAddress()) {
                for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    for (InetAddress a : Collections.list(n.getInetAddresses())) {
                        names.add(HostList.normalize(a.getHostAddress().replaceAll("%.*", "")));
                    }
                }
            } else {
                for (InetAddress a : InetAddress.getAllByName(bind)) {
                    names.add(HostList.normalize(a.getHostAddress()));
                }
            }
            names.add(HostList.normalize(InetAddress.getLocalHost().getHostName()));
        } catch (UnknownHostException | SocketException e) {
            LOG.debug("Cannot list the names of {}: {}", bindHost, e.toString());
        }
        return names;
    }

    /** Why the request is refused, or empty when it may be served. */
    public Optional<String> refusal(SandboxRequest request) {
        List<String> hosts = request.headers().getOrDefault("Host", List.of());
        if (hosts.size() > 1) {
            return refuse("Host", String.join(", ", hosts), "Host", "is more than one Host header");
        }
        if (hosts.size() == 1) {
            String host = hostOf(hosts.get(0));
            if (host == null || !isOurs(host)) {
                return refuse("Host", hosts.get(0), host == null ? hosts.get(0) : HostList.normalize(host),
                        "is not a loopback name, the sandbox's own address or in sandbox.allowed-hosts");
            }
        }
        String site = request.header("Sec-Fetch-Site");
        if (site != null && (site.trim().equalsIgnoreCase("cross-site") || site.trim().equalsIgnoreCase("same-site"))) {
            return refuse("Sec-Fetch-Site", site, site, "is a browser request from another site; browsers are not "
                    + "served");
        }
        String origin = request.header("Origin");
        if (origin != null && !isOurOrigin(origin)) {
            return refuse("Origin", origin, origin, "is a browser page that is not on this machine or in "
                    + "sandbox.allowed-hosts; browsers are not served");
        }
        return Optional.empty();
    }

    private boolean isOurs(String host) {
        return HostList.isLoopback(host) || ownNames.contains(HostList.normalize(host)) || allowed.contains(host);
    }

    private boolean isOurOrigin(String origin) {
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && isOurs(uri.getHost());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The host of a {@code Host} header ({@code name}, {@code name:port}, {@code [v6]:port}), or null if malformed. */
    static String hostOf(String header) {
        String h = header.trim();
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            if (close < 0 || !(close == h.length() - 1 || h.charAt(close + 1) == ':'
                    && PORT.matcher(h.substring(close + 2)).matches())) {
                return null;
            }
            return HostList.literal(h.substring(1, close)) == null ? null : h.substring(0, close + 1);
        }
        int colon = h.indexOf(':');
        if (colon >= 0) {
            if (colon != h.lastIndexOf(':') || !PORT.matcher(h.substring(colon + 1)).matches()) {
                return null;
            }
            h = h.substring(0, colon);
        }
        String n = HostList.normalize(h);
        return HostList.isHostName(n) || HostList.literal(n) != null ? h : null;
    }

    /** Logs the first refusal of each host or origin at WARN (up to a bound), the rest at DEBUG. */
    private Optional<String> refuse(String header, String value, String logKey, String why) {
        String reason = "The sandbox refuses this request: " + header + " '" + value + "' " + why;
        if (logged.size() < LOGGED_AT_WARN && logged.add(header + " " + logKey)) {
            LOG.warn("{} (logged once for {} '{}')", reason, header, logKey);
        } else {
            LOG.debug(reason);
        }
        return Optional.of(reason);
    }
}
