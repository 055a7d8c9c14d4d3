package sandbox.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.Test;

class ObjectListingTest {

    private static ConcurrentSkipListMap<String, StoredObject> bucket(String... keys) throws Exception {
        ConcurrentSkipListMap<String, StoredObject> m = new ConcurrentSkipListMap<>(KeyOrder.INSTANCE);
        ObjectProperties props = new ObjectProperties(null, null, null, null, null, null, null, Map.of(), null);
        for (String k : keys) {
            m.put(k, new StoredObject(k, Content.of(new MemoryBlobStore().create(0).commit()), "d41d8cd98f00b204e9800998ecf8427e",
                    Instant.EPOCH, props, null, 0));
        }
        return m;
    }

    private static List<String> keys(ObjectListing l) {
        return l.objects().stream().map(StoredObject::key).toList();
    }

    @Test
    void keyOrderIsCodePointOrder() {
        assertThat(KeyOrder.INSTANCE.compare("\uFF5E", "\uD83D\uDE00")).isNegative();
        assertThat("\uFF5E".compareTo("\uD83D\uDE00")).isPositive(); // what String order would say
        assertThat(KeyOrder.INSTANCE.compare("a", "b")).isNegative();
        assertThat(KeyOrder.INSTANCE.compare("ab", "a")).isPositive();
        assertThat(KeyOrder.INSTANCE.compare("Z", "a")).isNegative();
    }

    @Test
    void prefixAndDelimiterRollUpAndSkipWholeFolders() throws Exception {
        var b = bucket("a.csv", "dir/1", "dir/2", "dir/sub/3", "dirt", "z/9");
        ObjectListing top = ObjectListing.page(b, "", "/", null, 1000);
        assertThat(keys(top)).containsExactly("a.csv", "dirt");
        assertThat(top.commonPrefixes()).containsExactly("dir/", "z/");
        assertThat(top.truncated()).isFalse();

        ObjectListing dir = ObjectListing.page(b, "dir/", "/", null, 1000);
        assertThat(keys(dir)).containsExactly("dir/1", "dir/2");
        assertThat(dir.commonPrefixes()).containsExactly("dir/sub/");
    }

    @Test
    void pagesResumeStrictlyAfterTheLastEntryIncludingCommonPrefixes() throws Exception {
        var b = bucket("a.csv", "dir/1", "dir/2", "dirt", "z/9");
        ObjectListing first = ObjectListing.page(b, "", "/", null, 2);
        assertThat(keys(first)).containsExactly("a.csv");
        assertThat(first.commonPrefixes()).containsExactly("dir/");
        assertThat(first.truncated()).isTrue();
        assertThat(first.last()).isEqualTo("dir/");

        ObjectListing second = ObjectListing.page(b, "", "/", first.last(), 2);
        assertThat(keys(second)).containsExactly("dirt");
        assertThat(second.commonPrefixes()).containsExactly("z/");
        assertThat(second.truncated()).isFalse();
    }

    @Test
    void truncatedOnlyWhenAnotherEntryReallyFollows() throws Exception {
        var b = bucket("x/1", "x/2", "x/3");
        ObjectListing one = ObjectListing.page(b, "", "/", null, 1);
        assertThat(one.commonPrefixes()).containsExactly("x/");
        assertThat(one.truncated()).isFalse();
        assertThat(ObjectListing.page(b, "", null, null, 3).truncated()).isFalse();
        assertThat(ObjectListing.page(b, "", null, null, 2).truncated()).isTrue();
        assertThat(ObjectListing.page(b, "", null, null, 0).truncated()).isFalse();
    }

    @Test
    void markerBeforePrefixStartsAtThePrefix() throws Exception {
        var b = bucket("a", "m/1", "m/2", "z");
        assertThat(keys(ObjectListing.page(b, "m/", null, "b", 10))).containsExactly("m/1", "m/2");
        assertThat(keys(ObjectListing.page(b, "m/", null, "m/1", 10))).containsExactly("m/2");
        assertThat(keys(ObjectListing.page(b, "m/", null, "n", 10))).isEmpty();
    }
}
