package sandbox.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sandbox.ExternalClients;
import sandbox.SandboxTestSupport;
import sandbox.core.Json;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The sandbox's S3 driven by the AWS CLI and boto3 at their default settings. */
class S3ExternalClientsTest extends SandboxTestSupport {

    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private Path randomFile(String name, int size, long seed) throws Exception {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        Path f = dir.resolve(name);
        Files.write(f, data);
        return f;
    }

    @Test
    void awsCliMakesBucketCopiesListsMovesPagesAndRemoves() throws Exception {
        ExternalClients.assumeAwsCli();
        S3Client s3 = s3();
        assertThat(ExternalClients.aws(endpoint, "s3", "mb", "s3://cli-bucket").assertOk().stdout())
                .contains("make_bucket: cli-bucket");

        // over 20 MiB: the CLI uploads it in 8 MiB parts and downloads it in ranged GETs
        Path big = randomFile("big.bin", 21 * MIB + 123, 1);
        ExternalClients.aws(endpoint, "s3", "cp", big.toString(), "s3://cli-bucket/big/data.bin").assertOk();
        HeadObjectResponse head = s3.headObject(b -> b.bucket("cli-bucket").key("big/data.bin"));
        assertThat(head.contentLength()).isEqualTo(Files.size(big));
        assertThat(head.eTag()).endsWith("-3\"");
        Path down = dir.resolve("down.bin");
        ExternalClients.aws(endpoint, "s3", "cp", "s3://cli-bucket/big/data.bin", down.toString()).assertOk();
        assertThat(sha256(down)).isEqualTo(sha256(big));

        assertThat(ExternalClients.aws(endpoint, "s3", "ls").assertOk().stdout()).contains("cli-bucket");
        String ls = ExternalClients.aws(endpoint, "s3", "ls", "s3://cli-bucket/big/").assertOk().stdout();
        assertThat(ls).contains(Long.toString(Files.size(big))).contains("data.bin");
        assertThat(ExternalClients.aws(endpoint, "s3", "ls", "s3://cli-bucket/").assertOk().stdout()).contains("PRE big/");

        // bucket to bucket: a multipart copy (UploadPartCopy) followed by a delete
        ExternalClients.aws(endpoint, "s3", "mv", "s3://cli-bucket/big/data.bin", "s3://cli-bucket/moved/data.bin")
                .assertOk();
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("cli-bucket").key("big/data.bin")))
                .isInstanceOf(NoSuchKeyException.class);
        assertThat(sha256(s3.getObjectAsBytes(b -> b.bucket("cli-bucket").key("moved/data.bin")).asByteArray()))
                .isEqualTo(sha256(big));
        Path small = randomFile("small name.csv", 1000, 2);
        ExternalClients.aws(endpoint, "s3", "mv", small.toString(), "s3://cli-bucket/moved/small name.csv").assertOk();
        assertThat(Files.exists(small)).isFalse();
        assertThat(s3.getObjectAsBytes(b -> b.bucket("cli-bucket").key("moved/small name.csv")).asByteArray())
                .hasSize(1000);

        for (int i = 0; i < 5; i++) {
            String key = "page/k" + i + " +%.csv";
            s3.putObject(b -> b.bucket("cli-bucket").key(key), RequestBody.fromString("x"));
        }
        List<String> keys = new ArrayList<>();
        String token = null;
        int calls = 0;
        do {
            List<String> args = new ArrayList<>(List.of("s3api", "list-objects", "--bucket", "cli-bucket", "--prefix",
                    "page/", "--max-items", "2", "--page-size", "2"));
            if (token != null) {
                args.addAll(List.of("--starting-token", token));
            }
            JsonNode out = Json.parse(ExternalClients.aws(endpoint, args.toArray(String[]::new)).assertOk().stdout());
            out.path("Contents").forEach(c -> keys.add(c.path("Key").asText()));
            token = out.path("NextToken").asText(null);
            calls++;
        } while (token != null && calls < 10);
        assertThat(keys).containsExactly("page/k0 +%.csv", "page/k1 +%.csv", "page/k2 +%.csv", "page/k3 +%.csv",
                "page/k4 +%.csv");
        assertThat(calls).isEqualTo(3);

        ExternalClients.aws(endpoint, "s3", "rm", "s3://cli-bucket/moved/data.bin").assertOk();
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("cli-bucket").key("moved/data.bin")))
                .isInstanceOf(NoSuchKeyException.class);
        ExternalClients.aws(endpoint, "s3", "rm", "--recursive", "s3://cli-bucket/page/").assertOk();
        assertThat(s3.listObjects(b -> b.bucket("cli-bucket").prefix("page/")).contents()).isEmpty();
        assertThat(s3.listMultipartUploads(b -> b.bucket("cli-bucket")).uploads()).isEmpty();
    }

    @Test
    void boto3UploadsMultipartListsAndGets() throws Exception {
        ExternalClients.assumeBoto3();
        s3().createBucket(b -> b.bucket("boto-bucket"));
        Path file = randomFile("upload.bin", 9 * MIB + 5, 3);
        String script = """
                import boto3, hashlib, json, os, sys
                s3 = boto3.client("s3", endpoint_url=os.environ["ENDPOINT"])
                s3.upload_file(sys.argv[1], "boto-bucket", "in/upload.bin")
                listed = s3.list_objects(Bucket="boto-bucket", Prefix="in/")
                body = s3.get_object(Bucket="boto-bucket", Key="in/upload.bin")["Body"].read()
                print(json.dumps({"keys": [o["Key"] for o in listed["Contents"]],
                                  "etag": listed["Contents"][0]["ETag"],
                                  "size": listed["Contents"][0]["Size"],
                                  "sha256": hashlib.sha256(body).hexdigest()}))
                """;
        ExternalClients.Result r = ExternalClients.run(List.of("python3", "-c", script, file.toString()),
                java.util.Map.of("ENDPOINT", endpoint.toString()), 120).assertOk();
        JsonNode out = Json.parse(r.stdout());
        assertThat(out.path("keys")).extracting(JsonNode::asText).containsExactly("in/upload.bin");
        assertThat(out.path("etag").asText()).endsWith("-2\"");
        assertThat(out.path("size").asLong()).isEqualTo(Files.size(file));
        assertThat(out.path("sha256").asText()).isEqualTo(sha256(file));
    }

    @Test
    void boto3DeletesOnlyTheVersionItsIfMatchNames() {
        ExternalClients.assumeBoto3();
        s3().createBucket(b -> b.bucket("boto-delete"));
        String script = """
                import boto3, botocore, json, os
                s3 = boto3.client("s3", endpoint_url=os.environ["ENDPOINT"])
                first = s3.put_object(Bucket="boto-delete", Key="k", Body=b"first")["ETag"]
                second = s3.put_object(Bucket="boto-delete", Key="k", Body=b"second")["ETag"]
                out = {}
                try:
                    s3.delete_object(Bucket="boto-delete", Key="k", IfMatch=first)
                    out["stale"] = "deleted"
                except botocore.exceptions.ClientError as e:
                    out["stale"] = "%s %s" % (e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"])
                out["kept"] = s3.get_object(Bucket="boto-delete", Key="k")["Body"].read().decode()
                out["current"] = s3.delete_object(Bucket="boto-delete", Key="k", IfMatch=second)["ResponseMetadata"]["HTTPStatusCode"]
                out["left"] = s3.list_objects_v2(Bucket="boto-delete")["KeyCount"]
                print(json.dumps(out))
                """;
        ExternalClients.Result r = ExternalClients.run(List.of("python3", "-c", script),
                java.util.Map.of("ENDPOINT", endpoint.toString()), 60).assertOk();
        JsonNode out = Json.parse(r.stdout());
        assertThat(out.path("stale").asText()).isEqualTo("PreconditionFailed 412");
        assertThat(out.path("kept").asText()).isEqualTo("second");
        assertThat(out.path("current").asInt()).isEqualTo(204);
        assertThat(out.path("left").asInt()).isZero();
    }
}
