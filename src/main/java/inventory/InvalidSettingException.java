package inventory;

/** A property has a value the pipeline cannot run with; the message names the property and what it accepts. */
public final class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String property, String value, String allowed) {
        super("Invalid value '" + value + "' for property " + property + " (environment "
                + InventorySettings.envName(property) + "): allowed " + allowed);
    }
}
