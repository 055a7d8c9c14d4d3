package sandbox.sns;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * Signs HTTP/S deliveries the way SNS does (SignatureVersion 1 = SHA1withRSA, 2 = SHA256withRSA over
 * the canonical "Name\nValue\n" string), with a key the sandbox generates at first use. The matching
 * self-signed X.509 certificate is served at the SigningCertURL, so a subscriber can verify every
 * message; it is not Amazon's certificate, so validators that insist on an amazonaws.com URL reject it.
 */
final class MessageSigner {

    private final Clock clock;
    private final String commonName;
    private volatile Keys keys;

    private record Keys(PrivateKey key, String certificatePem) {
    }

    MessageSigner(Clock clock, String region) {
        this.clock = clock;
        this.commonName = "sns." + region + ".sandbox.local";
    }

    /** Base64 signature of {@code canonical}; {@code version} "2" -> SHA256withRSA, else SHA1withRSA. */
    String sign(String canonical, String version) {
        try {
            Signature s = Signature.getInstance("2".equals(version) ? "SHA256withRSA" : "SHA1withRSA");
            s.initSign(keys().key());
            s.update(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an SNS message", e);
        }
    }

    /** The PEM certificate holding the public key that checks {@link #sign} signatures. */
    String certificatePem() {
        return keys().certificatePem();
    }

    private Keys keys() {
        Keys k = keys;
        if (k == null) {
            synchronized (this) {
                k = keys;
                if (k == null) {
                    k = generate();
                    keys = k;
                }
            }
        }
        return k;
    }

    private Keys generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair pair = g.generateKeyPair();
            Instant now = clock.instant();
            byte[] algorithm = Der.sequence(Der.oid(1, 2, 840, 113549, 1, 1, 11), Der.NULL);
            byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(2, 5, 4, 3), Der.utf8(commonName))));
            byte[] tbs = Der.sequence(
                    Der.explicit(0, Der.integer(BigInteger.TWO)),
                    Der.integer(new BigInteger(63, new SecureRandom())),
                    algorithm,
                    name,
                    Der.sequence(Der.time(now.minus(Duration.ofDays(1))), Der.time(now.plus(Duration.ofDays(3650)))),
                    name,
                    pair.getPublic().getEncoded());
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(pair.getPrivate());
            s.update(tbs);
            byte[] certificate = Der.sequence(tbs, algorithm, Der.bitString(s.sign()));
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate)
                    + "\n-----END CERTIFICATE-----\n";
            return new Keys(pair.getPrivate(), pem);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the SNS signing key", e);
        }
    }

    /** Just enough DER to write one X.509 certificate. */
    private static final class Der {
        static final byte[] NULL = {0x05, 0x00};

        static byte[] sequence(byte[]... parts) {
            return tlv(0x30, parts);
        }

        static byte[] set(byte[]... parts) {
            return tlv(0x31, parts);
        }

        static byte[] explicit(int tag, byte[] inner) {
            return tlv(0xA0 | tag, inner);
        }

        static byte[] integer(BigInteger value) {
            return tlv(0x02, value.toByteArray());
        }

        static byte[] utf8(String s) {
            return tlv(0x0C, s.getBytes(StandardCharsets.UTF_8));
        }

        static byte[] bitString(byte[] bits) {
            byte[] v = new byte[bits.length + 1];
            System.arraycopy(bits, 0, v, 1, bits.length);
            return tlv(0x03, v);
        }

        /** UTCTime before 2050, GeneralizedTime after, as RFC 5280 requires. */
        static byte[] time(Instant t) {
            var utc = t.atOffset(ZoneOffset.UTC);
            if (utc.getYear() < 2050) {
                return tlv(0x17, DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").format(utc)
                        .getBytes(StandardCharsets.US_ASCII));
            }
            return tlv(0x18, DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").format(utc)
                    .getBytes(StandardCharsets.US_ASCII));
        }

        static byte[] oid(int... arcs) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(arcs[0] * 40 + arcs[1]);
            for (int i = 2; i < arcs.length; i++) {
                int v = arcs[i];
                int shift = 28;
                while (shift > 0 && (v >> shift) == 0) {
                    shift -= 7;
                }
                for (; shift > 0; shift -= 7) {
                    out.write(0x80 | ((v >> shift) & 0x7F));
                }
                out.write(v & 0x7F);
            }
            return tlv(0x06, out.toByteArray());
        }

        private static byte[] tlv(int tag, byte[]... parts) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (byte[] p : parts) {
                body.writeBytes(p);
            }
            int len = body.size();
            ByteArrayOutputStream out = new ByteArrayOutputStream(len + 6);
            out.write(tag);
            if (len < 0x80) {
                out.write(len);
            } else {
                byte[] l = BigInteger.valueOf(len).toByteArray();
                int start = l[0] == 0 ? 1 : 0;
                out.write(0x80 | (l.length - start));
                out.write(l, start, l.length - start);
            }
            out.writeBytes(body.toByteArray());
            return out.toByteArray();
        }
    }
}
