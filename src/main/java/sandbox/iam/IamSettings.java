package sandbox.iam;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code sandbox.iam.*}: the identity policy the sandbox enforces (read when the configuration is), and the access
 * key id whose requests it lets through unchecked, so a test or a user can set up resources and read results.
 *
 * @param policyFile     the policy's file, or null: no enforcement (the default)
 * @param policy         that file's policy, or null
 * @param adminAccessKey requests signed with this access key id are not checked; empty: none is exempt
 */
public record IamSettings(Path policyFile, IdentityPolicy policy, String adminAccessKey) {

    public static final String POLICY_PROPERTY = "sandbox.iam.policy";
    public static final String ADMIN_KEY_PROPERTY = "sandbox.iam.admin-access-key";

    public IamSettings {
        adminAccessKey = adminAccessKey == null ? "" : adminAccessKey.trim();
    }

    public static IamSettings none() {
        return new IamSettings(null, null, "");
    }

    /** From the two properties' values (blank = unset). @throws IllegalArgumentException naming the property */
    public static IamSettings of(String policyFile, String adminAccessKey) {
        if (policyFile == null || policyFile.isBlank()) {
            return new IamSettings(null, null, adminAccessKey);
        }
        Path file = Path.of(policyFile.trim());
        try {
            return new IamSettings(file, IdentityPolicy.read(file), adminAccessKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(POLICY_PROPERTY + " (environment SANDBOX_IAM_POLICY): " + file + ": "
                    + e.getMessage() + "; allowed: empty (no enforcement) or a file with a JSON IAM identity policy",
                    e);
        }
    }

    /** A policy given as a document rather than a file (tests, the admin endpoint). */
    public static IamSettings of(IdentityPolicy policy, String adminAccessKey) {
        return new IamSettings(null, policy, adminAccessKey);
    }

    public Optional<IdentityPolicy> enforced() {
        return Optional.ofNullable(policy);
    }
}
