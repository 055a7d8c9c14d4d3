package sandbox.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Host names and addresses as an allow-list is written ({@code sandbox.allowed-hosts},
 * {@code sandbox.sns.allowed-hosts}): exact names, IP literals, or {@code *.domain} for every name under a domain.
 * Comparisons are on normalised hosts: lower case, without IPv6 brackets or a trailing dot.
 *
 * @param names    exact names and literals
 * @param suffixes the {@code .domain} of each {@code *.domain} entry
 */
public record HostList(Set<String> names, List<String> suffixes) {

    public static final HostList NONE = new HostList(Set.of(), List.of());

    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    public HostList {
        names = Set.copyOf(names);
        suffixes = List.copyOf(suffixes);
    }

    /**
     * Parses a comma-separated list; blank means none.
     *
     * @throws IllegalArgumentException naming the first entry that is neither a host name, an IP literal nor
     *                                  {@code *.domain}
     */
    public static HostList parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return NONE;
        }
        Set<String> names = new LinkedHashSet<>();
        List<String> suffixes = new ArrayList<>();
        for (String raw : commaSeparated.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.startsWith("*.") && isHostName(normalize(entry.substring(2)))) {
                suffixes.add("." + normalize(entry.substring(2)));
            } else if (isHostName(normalize(entry)) || isIpLiteral(normalize(entry))) {
                names.add(normalize(entry));
            } else {
                throw new IllegalArgumentException("'" + entry + "' is not a host name, an IP address or *.domain");
            }
        }
        return new HostList(names, suffixes);
    }

    public boolean isEmpty() {
        return names.isEmpty() && suffixes.isEmpty();
    }

    /** Whether {@code host} (any case, brackets or trailing dot) is on the list. */
    public boolean contains(String host) {
        String h = normalize(host);
        if (names.contains(h)) {
            return true;
        }
        for (String s : suffixes) {
            if (h.endsWith(s) && h.length() > s.length()) {
                return true;
            }
        }
        return false;
    }

    /** Whether an address is listed as a literal (any spelling of it: {@code ::1} lists {@code 0:0:0:0:0:0:0:1}). */
    public boolean containsAddress(InetAddress address) {
        for (String n : names) {
            if (address.equals(literal(n))) {
                return true;
            }
        }
        return false;
    }

    /** Lower case, without the brackets of an IPv6 literal and without a trailing dot. */
    public static String normalize(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** {@code localhost}, any {@code *.localhost} (RFC 6761 reserves both for loopback), or a loopback literal. */
    public static boolean isLoopback(String host) {
        String h = normalize(host);
        return h.equals("localhost") || h.endsWith(".localhost") && isHostName(h) || isLoopbackAddress(h);
    }

    /** A literal of 127.0.0.0/8, {@code ::1} or an IPv4-mapped 127.x; never a DNS lookup. */
    public static boolean isLoopbackAddress(String host) {
        InetAddress a = literal(normalize(host));
        return a != null && a.isLoopbackAddress();
    }

    /** An IPv4 dotted quad or an IPv6 literal (brackets removed); the parsed address, or null. */
    public static InetAddress literal(String host) {
        String h = normalize(host);
        if (!IPV4.matcher(h).matches() && !(h.contains(":") && h.matches("[0-9a-f:.]+"))) {
            return null;
        }
        try {
            // a literal is parsed, never resolved
            return InetAddress.getByName(h);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static boolean isIpLiteral(String host) {
        return literal(host) != null;
    }

    /** RFC 1123 labels (underscores tolerated, as container names use them), at most 253 characters. */
    public static boolean isHostName(String host) {
        if (host.isEmpty() || host.length() > 253 || IPV4.matcher(host).matches()) {
            return false;
        }
        for (String label : host.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
