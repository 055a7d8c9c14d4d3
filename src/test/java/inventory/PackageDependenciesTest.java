package inventory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rooms and their floors, top down: {@code app} (the entry point) -> {@code routes} -> the composition in
 * {@code inventory} (configuration, health) -> the feature rooms ({@code inventory.imports}, {@code alerts},
 * {@code streams}, {@code cluster}, {@code tracing}, {@code resources}: the AWS resources, created or found) -> the
 * pipeline-wide basics (settings, metrics, progress, error text, the import queues' URLs) -> {@code inventory.table}
 * (the tables' items). A class may use what stands below it, never what stands above.
 * The sandbox depends on none of them; only LocalAws starts it. Checked on the compiled main classes (ArchUnit), so a
 * fully qualified name or a lambda cannot slip past.
 */
class PackageDependenciesTest {

    /** Classes of the {@code inventory} package that every room is handed; the rest of that package composes. */
    private static final Set<String> BASICS = Set.of(InventorySettings.class.getName(),
            InvalidSettingException.class.getName(), PipelineMetrics.class.getName(), Progress.class.getName(),
            RootCause.class.getName(), ImportQueues.class.getName());

    private static final List<String> FEATURE_ROOMS = List.of("imports", "alerts", "streams", "cluster", "tracing",
            "resources");

    /**
     * The only words one feature room takes from another: the alert step implements the stream consumer's hooks
     * (RecordFilter, ReaderTurn); the spans describe imports and alert decisions.
     */
    private static final Map<String, Set<String>> FEATURE_ROOM_USES = Map.of(
            "alerts", Set.of("streams"),
            "tracing", Set.of("imports", "alerts"));

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("app", "inventory", "routes", "sandbox");
    }

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitectureIgnoring("sandbox..")
                .layer("App").definedBy("app..")
                .layer("Routes").definedBy("routes..")
                .layer("Composition").definedBy(inInventoryPackage(false))
                .layer("Features").definedBy(FEATURE_ROOMS.stream().map(r -> "inventory." + r + "..").toArray(String[]::new))
                .layer("Basics").definedBy(inInventoryPackage(true))
                .layer("Table").definedBy("inventory.table..")
                .whereLayer("App").mayNotBeAccessedByAnyLayer()
                .whereLayer("Routes").mayOnlyAccessLayers("Composition", "Features", "Basics", "Table")
                .whereLayer("Composition").mayOnlyAccessLayers("Features", "Basics", "Table")
                .whereLayer("Features").mayOnlyAccessLayers("Basics", "Table")
                .whereLayer("Basics").mayOnlyAccessLayers("Table")
                .whereLayer("Table").mayNotAccessAnyLayer()
                .check(main);
    }

    @ParameterizedTest
    @MethodSource("featureRooms")
    void featureRoomsUseEachOtherOnlyAlongTheDocumentedList(String room) {
        String[] others = FEATURE_ROOMS.stream()
                .filter(r -> !r.equals(room) && !FEATURE_ROOM_USES.getOrDefault(room, Set.of()).contains(r))
                .map(r -> "inventory." + r + "..").toArray(String[]::new);
        noClasses().that().resideInAPackage("inventory." + room + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("a word two rooms share belongs in inventory.table or the basics, not in one of them")
                .check(main);
    }

    static List<String> featureRooms() {
        return FEATURE_ROOMS;
    }

    @Test
    void sandboxDoesNotKnowThePipeline() {
        noClasses().that().resideInAPackage("sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage("app..", "inventory..", "routes..")
                .check(main);
    }

    @Test
    void onlyLocalAwsReachesIntoTheSandbox() {
        noClasses().that().resideInAnyPackage("app..", "inventory..", "routes..")
                .and().doNotHaveFullyQualifiedName(LocalAws.class.getName())
                .should().dependOnClassesThat().resideInAPackage("sandbox..")
                .check(main);
    }

    @Test
    void routesAreRouteBuildersOnly() {
        classes().that().resideInAPackage("routes").and().areTopLevelClasses()
                .should().beAssignableTo(org.apache.camel.builder.RouteBuilder.class)
                .check(main);
    }

    /** The {@code inventory} package itself (not its rooms): the basics, or the composition around them. */
    private static DescribedPredicate<JavaClass> inInventoryPackage(boolean basics) {
        return DescribedPredicate.describe(basics ? "the basics in inventory " + BASICS : "the composition in inventory",
                c -> c.getBaseComponentType().getPackageName().equals("inventory") // arrays (an enum's values()) too
                        && BASICS.contains(c.getBaseComponentType().getName().split("\\$")[0]) == basics);
    }
}
