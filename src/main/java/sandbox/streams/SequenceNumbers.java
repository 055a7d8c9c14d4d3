package sandbox.streams;

import java.math.BigInteger;

/**
 * How a stream's record counter becomes the sequence numbers clients see: a 9-digit prefix from the
 * stream's creation time, then the counter in 12 digits, so numbers have 21 digits and keep growing.
 * The counter is stream-wide, so numbers grow within a shard and every child's exceed its parent's.
 */
record SequenceNumbers(long prefix) {

    private static final String ZEROS = "000000000000";
    static final long MAX_COUNTER = 999_999_999_999L;
    private static final BigInteger COUNTER_SPAN = BigInteger.TEN.pow(ZEROS.length());

    /** A prefix of 9 digits, growing with the creation time, like AWS's numbers across streams. */
    static SequenceNumbers forCreation(long createdMillis) {
        return new SequenceNumbers(100_000_000L + Math.floorMod(Math.floorDiv(createdMillis, 1000L), 100_000_000L));
    }

    String format(long counter) {
        String n = Long.toString(counter);
        return prefix + ZEROS.substring(n.length()) + n;
    }

    /** The counter a sequence number stands for, or -1 if it is not one of this stream's. */
    long counterOf(String sequenceNumber) {
        BigInteger offset = new BigInteger(sequenceNumber).subtract(BigInteger.valueOf(prefix).multiply(COUNTER_SPAN));
        if (offset.signum() < 0 || offset.compareTo(COUNTER_SPAN) >= 0) {
            return -1;
        }
        return offset.longValue();
    }
}
