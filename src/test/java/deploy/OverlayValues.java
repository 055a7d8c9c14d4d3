package deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a rendered Camel K variant must hold before anyone applies it: every value its Integration names. Kustomize
 * renders an overlay that forgot a value without complaint; this says which value, by name.
 */
final class OverlayValues {

    /** The base's stand-in for the image, replaced by an overlay's {@code images:} (base/kustomizeconfig.yaml). */
    static final String IMAGE_PLACEHOLDER = "inventory-pipeline";

    private OverlayValues() {
    }

    /** The values missing from a rendered variant, each named; empty when it is complete. */
    static List<String> missing(List<JsonNode> rendered) {
        List<String> missing = new ArrayList<>();
        List<JsonNode> integrations = Kustomize.ofKind(rendered, "Integration");
        if (integrations.size() != 1) {
            return List.of("one Integration (rendered " + integrations.size() + ")");
        }
        JsonNode spec = integrations.get(0).path("spec");
        String image = spec.path("traits").path("container").path("image").asText("");
        if (spec.has("git")) {
            if (spec.path("git").path("url").asText("").isBlank()) {
                missing.add("spec.git.url: the repository the operator builds");
            }
        } else if (image.isBlank() || image.equals(IMAGE_PLACEHOLDER)) {
            missing.add("the image: spec.traits.container.image is '" + image + "', the base's placeholder; give the"
                    + " overlay `images: [{name: " + IMAGE_PLACEHOLDER + ", newName: <registry>/inventory-pipeline,"
                    + " newTag: <version>}]`");
        }
        Map<String, String> env = DeployFiles.integrationEnvironment(integrations.get(0));
        env.forEach((variable, value) -> {
            if (value.startsWith("configmap:")) {
                String ref = value.substring("configmap:".length());
                String name = ref.substring(0, ref.indexOf('/'));
                String key = ref.substring(ref.indexOf('/') + 1);
                JsonNode data = configMap(rendered, name);
                if (data == null) {
                    missing.add("ConfigMap " + name + " (for " + variable + ")");
                } else if (!data.has(key)) {
                    missing.add(key + " in ConfigMap " + name + " (for " + variable + ")");
                }
            } else if (value.isBlank()) {
                missing.add(variable + ": no value");
            }
        });
        return missing;
    }

    private static JsonNode configMap(List<JsonNode> rendered, String name) {
        for (JsonNode c : Kustomize.ofKind(rendered, "ConfigMap")) {
            if (name.equals(c.path("metadata").path("name").asText())) {
                return c.path("data");
            }
        }
        return null;
    }
}
