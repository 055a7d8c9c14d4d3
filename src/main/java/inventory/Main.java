package inventory;

/**
 * {@code java -jar inventory-pipeline.jar [sandbox]}: the pipeline, or with {@code sandbox} only the local AWS.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("sandbox")) {
            sandbox.SandboxMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        throw new UnsupportedOperationException("the pipeline is not built yet");
    }
}
