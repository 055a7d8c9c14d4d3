package deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import sandbox.ExternalClients;

/**
 * Renders a kustomization the way a user does, {@code kubectl kustomize DIR} (kustomize v4+: kubectl 1.21 or newer),
 * or skips the calling test visibly when no such kubectl is on the PATH (.ci/run installs Debian's kubernetes-client
 * when kubectl is missing).
 */
final class Kustomize {

    /** The Camel K variants, each a directory under deploy/camel-k/overlays. */
    static final List<String> OVERLAYS = List.of("image", "pod-identity", "git");

    private static final Map<Path, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();
    private static volatile String unavailable;
    private static volatile boolean probed;

    private Kustomize() {
    }

    /** deploy/camel-k/overlays/NAME rendered. */
    static List<JsonNode> overlay(String name) {
        return render(DeployFiles.projectDir().resolve("deploy/camel-k/overlays").resolve(name));
    }

    /** Every resource kustomize renders from {@code dir}; a kustomize error fails the test with kustomize's message. */
    static List<JsonNode> render(Path dir) {
        assumeKubectl();
        return RENDERED.computeIfAbsent(dir.toAbsolutePath().normalize(), Kustomize::run);
    }

    /** The rendered resources of one kind. */
    static List<JsonNode> ofKind(List<JsonNode> rendered, String kind) {
        return rendered.stream().filter(r -> kind.equals(r.path("kind").asText())).toList();
    }

    static JsonNode single(List<JsonNode> rendered, String kind) {
        List<JsonNode> found = ofKind(rendered, kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", rendered " + found.size());
        }
        return found.get(0);
    }

    private static List<JsonNode> run(Path dir) {
        ExternalClients.Result out = ExternalClients.run(List.of("kubectl", "kustomize", dir.toString()), Map.of(), 60);
        if (out.exitCode() != 0) {
            throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + out.stderr());
        }
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(out.stdout())) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot parse what kubectl kustomize rendered from " + dir + ": " + e.getMessage(), e);
        }
        return List.copyOf(docs);
    }

    private static synchronized void assumeKubectl() {
        if (!probed) {
            probed = true;
            unavailable = probe();
            if (unavailable != null) {
                System.out.println("SKIPPED: the Camel K overlays were NOT rendered: " + unavailable);
            }
        }
        Assumptions.assumeTrue(unavailable == null, () -> "the Camel K overlays were not rendered: " + unavailable);
    }

    /** Null when a kubectl with kustomize v4+ answers, else why not. */
    private static String probe() {
        ExternalClients.Result version;
        try {
            version = ExternalClients.run(List.of("kubectl", "version", "--client", "-o", "json"), Map.of(), 60);
        } catch (AssertionError e) {
            return "no kubectl on the PATH (" + e.getMessage() + "); install kubectl or Debian's kubernetes-client";
        }
        if (version.exitCode() != 0) {
            return "kubectl version failed: " + version.stderr();
        }
        try {
            JsonNode client = new YAMLMapper().readTree(version.stdout()).path("clientVersion");
            int minor = Integer.parseInt(client.path("minor").asText().replaceAll("\\D.*", ""));
            if (client.path("major").asInt() == 1 && minor < 21) {
                return "kubectl " + client.path("gitVersion").asText() + " embeds kustomize 2.0, which cannot render"
                        + " components and patches: kubectl 1.21 or newer is needed";
            }
        } catch (IOException | NumberFormatException e) {
            return "cannot read kubectl's version: " + version.stdout();
        }
        return null;
    }
}
