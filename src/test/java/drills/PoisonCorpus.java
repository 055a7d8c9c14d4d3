package drills;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import testsupport.PipelineProbe;

/**
 * The poison-input corpus in {@code src/test/resources/bad-input/} and its manifest {@code expected.json}:
 * one {@link Case} per file, with the S3 key it is uploaded as and the outcome a demanding user expects. A
 * {@code .gz} file is uploaded inflated, unless its entry says {@code "uploadCompressed": true} (gzip uploads).
 */
final class PoisonCorpus {

    static final Path FOLDER = Path.of("src/test/resources/bad-input");
    /** Files of the folder that are not cases. */
    static final Set<String> NOT_CASES = Set.of("README.md", "expected.json", "generate.py");
    private static final String INCOMING = "incoming/";
    private static final Pattern REPEAT = Pattern.compile("\\{(.)\\*(\\d+)}");

    private PoisonCorpus() {
    }

    /**
     * One file and what must become of it.
     *
     * @param expected the manifest entry (status, counts, errors, items, absent, alerts, ...)
     */
    record Case(String file, String key, byte[] content, JsonNode expected) {

        /** The key below the incoming prefix, as derived keys reuse it. */
        String relativeKey() {
            return key.substring(INCOMING.length());
        }

        String reportKey() {
            return expected.hasNonNull("report") ? expand(expected.get("report").asText())
                    : "reports/" + relativeKey() + ".json";
        }

        String archivedAs() {
            return expected.hasNonNull("archivedAs") ? expand(expected.get("archivedAs").asText())
                    : expected.get("status").asText() + "/" + relativeKey();
        }

        String rejectedKey() {
            return "rejected/" + relativeKey();
        }

        @Override
        public String toString() {
            return file;
        }
    }

    static List<Case> load() throws IOException {
        JsonNode manifest = PipelineProbe.JSON.readTree(FOLDER.resolve("expected.json").toFile());
        List<Case> cases = new ArrayList<>();
        for (JsonNode c : manifest.get("cases")) {
            String file = c.get("file").asText();
            byte[] content = Files.readAllBytes(FOLDER.resolve(file));
            String name = file;
            if (file.endsWith(".gz") && !c.path("uploadCompressed").asBoolean()) {
                // big cases are stored gzipped to keep the repository small, and uploaded as they were
                content = new GZIPInputStream(new ByteArrayInputStream(content)).readAllBytes();
                name = file.substring(0, file.length() - ".gz".length());
            }
            String key = c.hasNonNull("key") ? expand(c.get("key").asText()) : INCOMING + name;
            cases.add(new Case(file, key, content, c));
        }
        return cases;
    }

    /** The files in the folder that should each have a case. */
    static Set<String> files() {
        try (Stream<Path> s = Files.list(FOLDER)) {
            Set<String> names = new TreeSet<>();
            s.map(p -> p.getFileName().toString()).filter(n -> !NOT_CASES.contains(n)).forEach(names::add);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {c*N}} in the manifest stands for the character c repeated N times (keys of 1024 bytes and more). */
    static String expand(String text) {
        Matcher m = REPEAT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).repeat(Integer.parseInt(m.group(2)))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
