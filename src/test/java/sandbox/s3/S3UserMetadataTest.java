package sandbox.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sandbox.ExternalClients;
import sandbox.SandboxTestSupport;
import sandbox.core.Json;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Non-ASCII user metadata as S3 handles it: encoded words (RFC 2047) a client sends are decoded before storing, and a
 * value that is not plain printable ASCII comes back RFC 2047 Q-encoded in UTF-8, so whatever a client wrote it reads
 * back by decoding what it reads (boto3 and the CLI refuse to send non-ASCII at all; the Java SDK sends ISO-8859-1;
 * curl and most HTTP libraries raw UTF-8). Plain ASCII is returned as it was sent.
 */
class S3UserMetadataTest extends SandboxTestSupport {

    private static S3Client s3;

    @BeforeAll
    static void bucket() {
        s3 = s3();
        s3.createBucket(b -> b.bucket("metadata"));
    }

    private static Map<String, String> metadataOf(String key) {
        return s3.headObject(b -> b.bucket("metadata").key(key)).metadata();
    }

    @Test
    void theJavaSdksLatin1AndRawUtf8AreStoredAsTextAndReturnedEncoded() throws Exception {
        s3.putObject(b -> b.bucket("metadata").key("sdk").metadata(Map.of("name", "Zoë", "plain", "a=b c_d?")),
                RequestBody.fromString("x"));
        assertThat(metadataOf("sdk")).containsEntry("name", "=?UTF-8?Q?Zo=C3=AB?=").containsEntry("plain", "a=b c_d?");

        String head = "PUT /metadata/raw HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\nx-amz-meta-name: Zoë 日本\r\n"
                + "x-amz-meta-ctl: my\u0004meta";
        // the header bytes exactly as curl sends them: UTF-8
        byte[] request = (head + "\r\nConnection: close\r\n\r\nx").getBytes(StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.getOutputStream().write(request);
            socket.setSoTimeout(10_000);
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                    .startsWith("HTTP/1.1 200");
        }
        assertThat(metadataOf("raw")).containsEntry("name", "=?UTF-8?Q?Zo=C3=AB_=E6=97=A5=E6=9C=AC?=")
                .containsEntry("ctl", "=?UTF-8?Q?my=04meta?=");
    }

    @Test
    void encodedWordsAreDecodedBeforeStoringAndCountedDecodedAgainstTheLimit() {
        s3.putObject(b -> b.bucket("metadata").key("encoded").metadata(Map.of("b", "=?UTF-8?B?Wm/Dqw==?=",
                "q", "=?utf-8?q?caf=C3=A9_au_lait?=", "two", "=?UTF-8?Q?a?= =?UTF-8?Q?b?=", "bad", "=?nope?Q?x?=")),
                RequestBody.fromString("x"));
        assertThat(metadataOf("encoded")).containsEntry("b", "=?UTF-8?Q?Zo=C3=AB?=")
                .containsEntry("q", "=?UTF-8?Q?caf=C3=A9_au_lait?=").containsEntry("two", "ab")
                .containsEntry("bad", "=?nope?Q?x?=");

        // 2 KB of metadata counts the decoded bytes: 1,000 two-byte characters fit, encoded they would not
        String word = "=?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString("é".repeat(1000)
                .getBytes(StandardCharsets.UTF_8)) + "?=";
        s3.putObject(b -> b.bucket("metadata").key("big").metadata(Map.of("e", word)), RequestBody.fromString("x"));
        assertThat(metadataOf("big").get("e")).startsWith("=?UTF-8?Q?=C3=A9=C3=A9");
    }

    @Test
    void boto3AndTheCliReadBackWhatTheyWroteByDecodingIt() {
        ExternalClients.assumeBoto3();
        String script = String.join("\n",
                "import os, json, boto3",
                "from email.header import Header, decode_header, make_header",
                "s3 = boto3.client('s3', endpoint_url=os.environ['ENDPOINT'], region_name='us-east-1')",
                "written = Header('Zoë 日本', 'utf-8').encode()",
                "s3.put_object(Bucket='metadata', Key='boto', Body=b'x', Metadata={'name': written})",
                "read = s3.head_object(Bucket='metadata', Key='boto')['Metadata']['name']",
                "print(json.dumps({'read': read, 'decoded': str(make_header(decode_header(read)))}))");
        var out = Json.parse(ExternalClients.python(endpoint, script).assertOk().stdout());
        assertThat(out.path("decoded").asText()).isEqualTo("Zoë 日本");
        assertThat(out.path("read").asText()).startsWith("=?UTF-8?Q?");

        ExternalClients.assumeAwsCli();
        ExternalClients.aws(endpoint, "s3api", "put-object", "--bucket", "metadata", "--key", "cli", "--metadata",
                "{\"name\":\"=?UTF-8?B?Wm/Dqw==?=\"}").assertOk();
        assertThat(Json.parse(ExternalClients.aws(endpoint, "s3api", "head-object", "--bucket", "metadata", "--key",
                "cli").assertOk().stdout()).path("Metadata").path("name").asText()).isEqualTo("=?UTF-8?Q?Zo=C3=AB?=");
    }
}
