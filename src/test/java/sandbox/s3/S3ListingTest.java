package sandbox.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3ListingTest extends SandboxTestSupport {

    private static final String BIG = "many-keys";
    private static final int BIG_COUNT = 2500;
    private static S3Client s3;

    @BeforeAll
    static void fill() throws Exception {
        s3 = s3();
        s3.createBucket(b -> b.bucket(BIG));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < BIG_COUNT; i++) {
                String key = bigKey(i);
                done.add(pool.submit(() -> s3.putObject(b -> b.bucket(BIG).key(key), RequestBody.fromString(key))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Keys spread over folders: {@code store-007/item-00123.csv}. */
    private static String bigKey(int i) {
        return String.format("store-%03d/item-%05d.csv", i % 10, i);
    }

    private static List<String> sortedBigKeys() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < BIG_COUNT; i++) {
            all.add(bigKey(i));
        }
        all.sort(Comparator.naturalOrder());
        return all;
    }

    @Test
    void v1PagesWithMarkerAndNextMarker() {
        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        while (true) {
            String m = marker;
            ListObjectsResponse page = s3.listObjects(b -> b.bucket(BIG).maxKeys(1000).marker(m));
            pages++;
            assertThat(page.name()).isEqualTo(BIG);
            assertThat(page.maxKeys()).isEqualTo(1000);
            assertThat(page.marker()).isEqualTo(m == null ? "" : m);
            page.contents().forEach(o -> seen.add(o.key()));
            if (!page.isTruncated()) {
                assertThat(page.nextMarker()).isNull();
                break;
            }
            assertThat(page.contents()).hasSize(1000);
            assertThat(page.nextMarker()).isEqualTo(page.contents().get(999).key());
            marker = page.nextMarker();
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(sortedBigKeys());
    }

    @Test
    void v1DefaultsToAThousandAndCapsMaxKeys() {
        ListObjectsResponse page = s3.listObjects(b -> b.bucket(BIG).maxKeys(5000));
        assertThat(page.contents()).hasSize(1000);
        assertThat(page.isTruncated()).isTrue();
        ListObjectsResponse dflt = s3.listObjects(b -> b.bucket(BIG));
        assertThat(dflt.maxKeys()).isEqualTo(1000);
        assertThat(dflt.contents()).hasSize(1000);
    }

    @Test
    void v1PrefixAndDelimiterRollUpFolders() {
        ListObjectsResponse top = s3.listObjects(b -> b.bucket(BIG).delimiter("/"));
        assertThat(top.contents()).isEmpty();
        assertThat(top.commonPrefixes()).extracting(CommonPrefix::prefix)
                .containsExactly("store-000/", "store-001/", "store-002/", "store-003/", "store-004/", "store-005/",
                        "store-006/", "store-007/", "store-008/", "store-009/");
        assertThat(top.delimiter()).isEqualTo("/");
        assertThat(top.isTruncated()).isFalse();

        ListObjectsResponse one = s3.listObjects(b -> b.bucket(BIG).prefix("store-003/").delimiter("/"));
        assertThat(one.prefix()).isEqualTo("store-003/");
        assertThat(one.contents()).hasSize(250).allSatisfy(o -> assertThat(o.key()).startsWith("store-003/item-"));
        assertThat(one.commonPrefixes()).isEmpty();
    }

    @Test
    void v1DelimiterPagingCountsCommonPrefixesAndResumesAfterThem() {
        List<String> prefixes = new ArrayList<>();
        String marker = null;
        while (true) {
            String m = marker;
            ListObjectsResponse page = s3.listObjects(b -> b.bucket(BIG).delimiter("/").maxKeys(3).marker(m));
            page.commonPrefixes().forEach(p -> prefixes.add(p.prefix()));
            assertThat(page.commonPrefixes().size() + page.contents().size()).isLessThanOrEqualTo(3);
            if (!page.isTruncated()) {
                break;
            }
            assertThat(page.nextMarker()).isEqualTo(prefixes.get(prefixes.size() - 1));
            marker = page.nextMarker();
        }
        assertThat(prefixes).hasSize(10).doesNotHaveDuplicates();
    }

    @Test
    void v2PagesWithContinuationTokens() {
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        while (true) {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(BIG).maxKeys(700).continuationToken(t));
            pages++;
            assertThat(page.keyCount()).isEqualTo(page.contents().size());
            assertThat(page.continuationToken()).isEqualTo(t);
            page.contents().forEach(o -> seen.add(o.key()));
            if (!page.isTruncated()) {
                assertThat(page.nextContinuationToken()).isNull();
                break;
            }
            token = page.nextContinuationToken();
        }
        assertThat(pages).isEqualTo(4);
        assertThat(seen).containsExactlyElementsOf(sortedBigKeys());
        assertThat(s3.listObjectsV2Paginator(b -> b.bucket(BIG).prefix("store-009/")).contents().stream().count())
                .isEqualTo(250);
    }

    @Test
    void v2StartAfterAndOwner() {
        ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(BIG).startAfter("store-009/item-02489.csv")
                .fetchOwner(true));
        assertThat(page.contents()).extracting(S3Object::key).containsExactly("store-009/item-02499.csv");
        assertThat(page.startAfter()).isEqualTo("store-009/item-02489.csv");
        assertThat(page.contents().get(0).owner().id()).hasSize(64);
        assertThat(s3.listObjectsV2(b -> b.bucket(BIG).maxKeys(1)).contents().get(0).owner()).isNull();
    }

    @Test
    void emptyV2ResultHasNoContentsElement() throws Exception {
        s3.createBucket(b -> b.bucket("empty-listing"));
        HttpResponse<String> r = RawHttp.send(endpoint, "GET", "/empty-listing?list-type=2", Map.of(), null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<KeyCount>0</KeyCount>").contains("<IsTruncated>false</IsTruncated>")
                .doesNotContain("<Contents>");
        assertThat(s3.listObjectsV2(b -> b.bucket("empty-listing")).contents()).isEmpty();
    }

    @Test
    void listingIsInUtf8ByteOrderAndReportsSizes() {
        s3.createBucket(b -> b.bucket("ordering"));
        // UTF-16 order would put U+FF5E before the emoji; UTF-8 byte order puts it after
        List<String> keys = List.of("B", "a", "a/b", "a-b", "\uFF5E", "\uD83D\uDE00", "é", "Z");
        for (String k : keys) {
            s3.putObject(b -> b.bucket("ordering").key(k), RequestBody.fromString(k + "!"));
        }
        List<S3Object> listed = s3.listObjects(b -> b.bucket("ordering")).contents();
        List<String> expected = new ArrayList<>(keys);
        expected.sort(Comparator.comparing(k -> new String(k.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)));
        assertThat(listed).extracting(S3Object::key).containsExactlyElementsOf(expected);
        assertThat(listed).allSatisfy(o -> {
            assertThat(o.size()).isEqualTo(o.key().getBytes(StandardCharsets.UTF_8).length + 1L);
            assertThat(o.eTag()).startsWith("\"").endsWith("\"");
            assertThat(o.lastModified()).isNotNull();
            assertThat(o.storageClassAsString()).isEqualTo("STANDARD");
        });
    }

    @Test
    void urlEncodingTypeEncodesKeysAndEchoes() throws Exception {
        s3.createBucket(b -> b.bucket("encoded"));
        s3.putObject(b -> b.bucket("encoded").key("dir/a b+c%.csv"), RequestBody.fromString("x"));
        HttpResponse<String> r = RawHttp.send(endpoint, "GET", "/encoded?encoding-type=url", Map.of(), null);
        assertThat(r.body()).contains("<Key>dir/a%20b%2Bc%25.csv</Key>").contains("<EncodingType>url</EncodingType>");
        // the SDK decodes what it asked to be encoded
        assertThat(s3.listObjects(b -> b.bucket("encoded").encodingType("url")).contents().get(0).key())
                .isEqualTo("dir/a b+c%.csv");
        HttpResponse<String> bad = RawHttp.send(endpoint, "GET", "/encoded?encoding-type=base64", Map.of(), null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("<Code>InvalidArgument</Code>");
    }

    @Test
    void invalidMaxKeysIsInvalidArgument() {
        assertThatThrownBy(() -> s3.listObjects(b -> b.bucket(BIG).maxKeys(-1)))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument"));
    }
}
