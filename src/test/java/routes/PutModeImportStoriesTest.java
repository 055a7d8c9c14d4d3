package routes;

/** The import stories again with {@code inventory.import.write=put}: one conditional PutItem per row. */
class PutModeImportStoriesTest extends ImportStoriesTest {

    @Override
    protected String writeMode() {
        return "put";
    }
}
