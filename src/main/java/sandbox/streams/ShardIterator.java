package sandbox.streams;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A position in a shard, handed to clients as {@code <StreamArn>|1|<opaque>}. Everything needed to
 * read on (shard, next counter, issue time) is inside, so iterators are reusable and survive a
 * restart; a checksum makes a mangled one fail as invalid rather than read the wrong place.
 *
 * @param position     the counter of the next record to return
 * @param issuedMillis sandbox-clock time the iterator was handed out (it expires 15 minutes later)
 */
record ShardIterator(String streamArn, String shardId, long position, long issuedMillis) {

    private static final String VERSION = "1";

    String encode() {
        String payload = shardId + ":" + position + ":" + issuedMillis;
        String opaque = Base64.getUrlEncoder().withoutPadding()
                .encodeToString((payload + ":" + checksum(payload)).getBytes(StandardCharsets.UTF_8));
        return streamArn + "|" + VERSION + "|" + opaque;
    }

    /** The iterator in {@code text}, or empty if it is not one this sandbox handed out. */
    static Optional<ShardIterator> decode(String text) {
        String[] parts = text.split("\\|", -1);
        if (parts.length != 3 || !VERSION.equals(parts[1]) || StreamArn.parse(parts[0]).isEmpty()) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(parts[2]), StandardCharsets.UTF_8);
            String[] fields = decoded.split(":", -1);
            if (fields.length != 4) {
                return Optional.empty();
            }
            String payload = fields[0] + ":" + fields[1] + ":" + fields[2];
            if (!checksum(payload).equals(fields[3])) {
                return Optional.empty();
            }
            long position = Long.parseLong(fields[1]);
            long issued = Long.parseLong(fields[2]);
            if (position < 1) {
                return Optional.empty();
            }
            return Optional.of(new ShardIterator(parts[0], fields[0], position, issued));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String checksum(String payload) {
        CRC32 crc = new CRC32();
        crc.update(payload.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }
}
