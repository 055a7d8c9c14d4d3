package sandbox.s3;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** The additional checksums S3 verifies and stores ({@code x-amz-checksum-<name>}), base64 of the big-endian value. */
enum ChecksumAlgorithm {
    CRC32(4, true),
    CRC32C(4, true),
    CRC64NVME(8, true),
    SHA1(20, false),
    SHA256(32, false),
    SHA512(64, false),
    MD5(16, false);

    /** A running checksum over bytes as they arrive. */
    interface Running {
        void update(byte[] b, int off, int len);

        byte[] value();
    }

    private final int length;
    private final boolean crc;

    ChecksumAlgorithm(int length, boolean crc) {
        this.length = length;
        this.crc = crc;
    }

    /** Raw checksum length in bytes. */
    int length() {
        return length;
    }

    /** CRC checksums can describe a whole multipart object (FULL_OBJECT); digests only part-wise (COMPOSITE). */
    boolean isCrc() {
        return crc;
    }

    String headerName() {
        return "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
    }

    /** The XML element / model member name: {@code ChecksumCRC32}. */
    String memberName() {
        return "Checksum" + name();
    }

    /** Null for names S3 does not know (or the sandbox cannot compute). */
    static ChecksumAlgorithm byName(String name) {
        if (name == null) {
            return null;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static ChecksumAlgorithm byHeader(String header) {
        String h = header.toLowerCase(Locale.ROOT);
        return h.startsWith("x-amz-checksum-") ? byName(h.substring("x-amz-checksum-".length())) : null;
    }

    /** The raw bytes of a base64 value, or null if it is not a valid value for this algorithm. */
    byte[] decode(String base64) {
        try {
            byte[] raw = Base64.getDecoder().decode(base64.trim());
            return raw.length == length ? raw : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    String checksumOf(byte[] data) {
        Running r = start();
        r.update(data, 0, data.length);
        return Base64.getEncoder().encodeToString(r.value());
    }

    Running start() {
        return switch (this) {
            case CRC32 -> crc(new CRC32(), 4);
            case CRC32C -> crc(new CRC32C(), 4);
            case CRC64NVME -> crc(new Crc64Nvme(), 8);
            case SHA1 -> digest("SHA-1");
            case SHA256 -> digest("SHA-256");
            case SHA512 -> digest("SHA-512");
            case MD5 -> digest("MD5");
        };
    }

    private static Running crc(Checksum c, int bytes) {
        return new Running() {
            @Override
            public void update(byte[] b, int off, int len) {
                c.update(b, off, len);
            }

            @Override
            public byte[] value() {
                long v = c.getValue();
                byte[] out = new byte[bytes];
                for (int i = bytes - 1; i >= 0; i--) {
                    out[i] = (byte) v;
                    v >>>= 8;
                }
                return out;
            }
        };
    }

    private static Running digest(String name) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new Running() {
            @Override
            public void update(byte[] b, int off, int len) {
                md.update(b, off, len);
            }

            @Override
            public byte[] value() {
                return md.digest();
            }
        };
    }
}
