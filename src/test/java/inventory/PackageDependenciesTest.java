package inventory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Packages depend one way: app -> routes -> inventory; the sandbox depends on neither; only LocalAws starts it.
 * Checked on the compiled main classes (ArchUnit), so a fully qualified name or a lambda cannot slip past.
 */
class PackageDependenciesTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("app", "inventory", "routes", "sandbox");
    }

    @Test
    void sandboxDoesNotKnowThePipeline() {
        noClasses().that().resideInAPackage("sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage("inventory..", "routes..")
                .check(main);
    }

    @Test
    void onlyLocalAwsReachesIntoTheSandbox() {
        noClasses().that().resideInAnyPackage("inventory..", "routes..")
                .and().doNotHaveFullyQualifiedName(LocalAws.class.getName())
                .should().dependOnClassesThat().resideInAPackage("sandbox..")
                .check(main);
    }

    @Test
    void inventoryDoesNotDependOnRoutes() {
        noClasses().that().resideInAPackage("inventory..")
                .should().dependOnClassesThat().resideInAPackage("routes..")
                .check(main);
    }

    @Test
    void routesAreRouteBuildersOnly() {
        classes().that().resideInAPackage("routes").and().areTopLevelClasses()
                .should().beAssignableTo(org.apache.camel.builder.RouteBuilder.class)
                .check(main);
    }
}
