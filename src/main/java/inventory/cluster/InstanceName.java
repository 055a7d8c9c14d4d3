package inventory.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** How an instance names itself in the lease, the reader fence and its claims: host, process, a random part. */
public final class InstanceName {

    private InstanceName() {
    }

    /** New at every start, so a restarted instance never takes an old lease or claim for its own. */
    public static String create() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
