package inventory.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCheckpointStoreTest {

    @TempDir
    Path dir;

    @Test
    void noFileMeansNoCheckpoint() {
        assertThat(new FileCheckpointStore(dir.resolve("cp.json")).load()).isEmpty();
    }

    @Test
    void savedPositionsAndDrainedShardsComeBack() {
        FileCheckpointStore store = new FileCheckpointStore(dir.resolve("state/cp.json"));
        StreamCheckpoint cp = new StreamCheckpoint("arn:aws:dynamodb:us-east-1:0:table/t/stream/l",
                Map.of("s1", "100000000000000000001", "s2", "100000000000000000007"), Set.of("s2", "s0"), Set.of("s3"));
        store.save(cp);
        assertThat(store.load()).contains(cp);
        assertThat(dir.resolve("state/cp.json.tmp")).doesNotExist();
    }

    @Test
    void anUnreadableFileIsAnErrorThatNamesTheFileAndHowToReset() throws Exception {
        Path file = dir.resolve("cp.json");
        for (String text : new String[] {"{not json", "[]", "{\"version\":1,\"streamArn\":\"a\"}",
            "{\"version\":1,\"streamArn\":\"a\",\"shards\":{\"s\":{\"sequenceNumber\":\"12x\"}}}"}) {
            Files.writeString(file, text);
            assertThatThrownBy(() -> new FileCheckpointStore(file).load()).as(text)
                    .isInstanceOf(UnreadableCheckpointException.class)
                    .hasMessageContaining(file.toAbsolutePath().toString())
                    .hasMessageContaining("Delete it");
        }
    }
}
