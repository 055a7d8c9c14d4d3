package inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Packages depend one way: routes -> inventory; the sandbox depends on neither; only LocalAws starts it. */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src", "main", "java");

    private static List<Path> sources(String pkg) throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES.resolve(pkg))) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    private static List<String> referencing(List<Path> files, String pattern) throws IOException {
        Pattern p = Pattern.compile(pattern);
        List<String> hits = new java.util.ArrayList<>();
        for (Path f : files) {
            if (p.matcher(Files.readString(f)).find()) {
                hits.add(SOURCES.relativize(f).toString().replace('\\', '/'));
            }
        }
        return hits;
    }

    @Test
    void sandboxDoesNotKnowThePipeline() throws IOException {
        assertThat(referencing(sources("sandbox"), "\\b(import\\s+)?(inventory|routes)\\.[A-Za-z]")).isEmpty();
    }

    @Test
    void onlyLocalAwsReachesIntoTheSandbox() throws IOException {
        List<Path> pipeline = new java.util.ArrayList<>(sources("inventory"));
        pipeline.addAll(sources("routes"));
        assertThat(referencing(pipeline, "\\bsandbox\\.[A-Z]")).containsExactly("inventory/LocalAws.java");
    }

    @Test
    void inventoryDoesNotDependOnRoutesExceptToAssembleTheApplication() throws IOException {
        assertThat(referencing(sources("inventory"), "\\broutes\\.[A-Z]")).containsExactly("inventory/Main.java");
    }
}
