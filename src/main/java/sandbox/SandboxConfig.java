package sandbox;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import sandbox.iam.IamSettings;
import sandbox.core.HostList;
import sandbox.streams.ShardSettings;

/**
 * Where the sandbox listens, where (if anywhere) it keeps its state, and which region/account its ARNs name.
 *
 * @param host    interface to bind; loopback unless told otherwise
 * @param port    TCP port, 0 for a free one
 * @param dataDir folder for persistent state, or null to keep everything in memory
 * @param region  region in ARNs and stream records
 * @param account account id in ARNs
 * @param clock   time source (tests move it to check trimming, iterator expiry and shard rollover)
 * @param streams how DynamoDB Streams lays out and rolls over shards ({@code sandbox.streams.*})
 * @param iam     the identity policy requests are checked against, if any ({@code sandbox.iam.*})
 * @param allowed which other hosts may call it and which SNS may deliver to ({@code sandbox.allowed-hosts},
 *                {@code sandbox.sns.allowed-hosts})
 */
public record SandboxConfig(String host, int port, Path dataDir, String region, String account, Clock clock,
                            ShardSettings streams, IamSettings iam, AllowedHosts allowed) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 4566;
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT = "000000000000";

    public SandboxConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(iam, "iam");
        Objects.requireNonNull(allowed, "allowed");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("sandbox.port must be 0..65535, was " + port);
        }
        if (!account.matches("\\d{12}")) {
            throw new IllegalArgumentException("sandbox.account must be 12 digits, was '" + account + "'");
        }
    }

    /** In memory, on a free loopback port: what tests want. */
    public static SandboxConfig ephemeral() {
        return new SandboxConfig(DEFAULT_HOST, 0, null, DEFAULT_REGION, DEFAULT_ACCOUNT, Clock.systemUTC(),
                ShardSettings.defaults(), IamSettings.none(), AllowedHosts.LOOPBACK);
    }

    public static SandboxConfig defaults() {
        return new SandboxConfig(DEFAULT_HOST, DEFAULT_PORT, null, DEFAULT_REGION, DEFAULT_ACCOUNT, Clock.systemUTC(),
                ShardSettings.defaults(), IamSettings.none(), AllowedHosts.LOOPBACK);
    }

    /**
     * Reads {@code sandbox.host|port|data-dir|region|account|allowed-hosts}, {@code sandbox.sns.allowed-hosts},
     * {@code sandbox.iam.*} and {@code sandbox.streams.*} from system properties, then from the environment
     * ({@code SANDBOX_PORT}, {@code SANDBOX_STREAMS_SHARDS}), then the defaults.
     */
    public static SandboxConfig fromSystem() {
        return fromLookup(key -> {
            String v = System.getProperty(key);
            if (v == null) {
                v = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
            }
            return v;
        });
    }

    /** Builds a config from any key lookup (null or blank = default). */
    public static SandboxConfig fromLookup(java.util.function.Function<String, String> lookup) {
        String host = value(lookup, "sandbox.host", DEFAULT_HOST);
        int port = intNumber(lookup, "sandbox.port", DEFAULT_PORT, "0..65535");
        String dir = value(lookup, "sandbox.data-dir", "");
        return new SandboxConfig(host.trim(), port, dir.isBlank() ? null : Path.of(dir.trim()),
                value(lookup, "sandbox.region", DEFAULT_REGION).trim(),
                value(lookup, "sandbox.account", DEFAULT_ACCOUNT).trim(), Clock.systemUTC(), streams(lookup),
                IamSettings.of(value(lookup, IamSettings.POLICY_PROPERTY, ""),
                        value(lookup, IamSettings.ADMIN_KEY_PROPERTY, "")),
                new AllowedHosts(hosts(lookup, "sandbox.allowed-hosts"), hosts(lookup, "sandbox.sns.allowed-hosts")));
    }

    private static HostList hosts(java.util.function.Function<String, String> lookup, String key) {
        String text = value(lookup, key, "");
        try {
            return HostList.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid value '" + text.trim() + "' for property " + key
                    + " (environment " + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')
                    + "): " + e.getMessage() + "; allowed a comma-separated list of host names, IP addresses and "
                    + "*.domain entries");
        }
    }

    private static ShardSettings streams(java.util.function.Function<String, String> lookup) {
        ShardSettings d = ShardSettings.defaults();
        int shards = intNumber(lookup, "sandbox.streams.shards", d.shards(), "1..1024");
        return new ShardSettings(shards,
                number(lookup, "sandbox.streams.rollover-ms", d.rolloverMillis(), "0 (never) or milliseconds"),
                number(lookup, "sandbox.streams.rollover-records", d.rolloverRecords(), "0 (no limit) or more"),
                intNumber(lookup, "sandbox.streams.split-every", d.splitEvery(), "0 (never) or more"),
                // an unset cap follows a larger shard count, so raising only sandbox.streams.shards is valid
                intNumber(lookup, "sandbox.streams.max-open-shards", Math.max(d.maxOpenShards(), shards),
                        "a whole number >= sandbox.streams.shards"));
    }

    private static long number(java.util.function.Function<String, String> lookup, String key, long def,
                               String allowed) {
        String text = value(lookup, key, String.valueOf(def)).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, " + allowed + ", was '" + text + "'");
        }
    }

    private static int intNumber(java.util.function.Function<String, String> lookup, String key, int def,
                                 String allowed) {
        long n = number(lookup, key, def, allowed);
        if (n != (int) n) {
            throw new IllegalArgumentException(key + " must be " + allowed + ", was " + n);
        }
        return (int) n;
    }

    public static SandboxConfig fromMap(Map<String, String> values) {
        return fromLookup(values::get);
    }

    private static String value(java.util.function.Function<String, String> lookup, String key, String def) {
        String v = lookup.apply(key);
        return v == null || v.isBlank() ? def : v;
    }

    public Optional<Path> dataDirectory() {
        return Optional.ofNullable(dataDir);
    }

    public SandboxConfig withPort(int newPort) {
        return new SandboxConfig(host, newPort, dataDir, region, account, clock, streams, iam, allowed);
    }

    public SandboxConfig withDataDir(Path dir) {
        return new SandboxConfig(host, port, dir, region, account, clock, streams, iam, allowed);
    }

    public SandboxConfig withClock(Clock newClock) {
        return new SandboxConfig(host, port, dataDir, region, account, newClock, streams, iam, allowed);
    }

    public SandboxConfig withStreams(ShardSettings settings) {
        return new SandboxConfig(host, port, dataDir, region, account, clock, settings, iam, allowed);
    }

    public SandboxConfig withAllowed(AllowedHosts hosts) {
        return new SandboxConfig(host, port, dataDir, region, account, clock, streams, iam, hosts);
    }

    public SandboxConfig withIam(IamSettings settings) {
        return new SandboxConfig(host, port, dataDir, region, account, clock, streams, settings, allowed);
    }
}
