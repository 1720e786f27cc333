package io.sesame;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering rules of {@code token-ejb} as tests (docs/architecture.md): inside each component boundary → control →
 * entity and never back; the decisions (policy) depend on no other component; no web types below the web tier; control
 * logic free of container types.
 */
class ArchitectureTest {

    static JavaClasses sesame;

    @BeforeAll
    static void importSesame() {
        sesame = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.sesame");
    }

    @Test
    void components_form_no_cycle() {
        slices().matching("io.sesame.(*)..").namingSlices("component $1").should().beFreeOfCycles()
                .because("each component can then be read, tested and changed knowing only what lies below it")
                .check(sesame);
    }

    @Test
    void the_kernel_depends_on_no_component() {
        noClasses().that().resideInAPackage("io.sesame.platform..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.sesame..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("io.sesame.platform..")))
                .because("platform is the shared kernel (settings, data source, ids, digests, errors) every component stands on")
                .check(sesame);
    }

    @Test
    void every_ses_call_goes_through_the_transport() {
        noClasses().that().resideOutsideOfPackage("io.sesame.ses.control..")
                .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk.services.sesv2..")
                .because("SesTransport is the one way to SES (sandbox or SDK), whichever door or feature asks")
                .check(sesame);
    }

    @Test
    void every_change_to_keys_and_applications_checks_its_actor_in_the_service() {
        java.util.Set<String> changes = java.util.Set.of("issue", "changePolicy", "rotate", "revoke", "suspend", "reactivate",
                "revokeFamily", "revokeAll", "create");
        java.util.List<String> unchecked = new java.util.ArrayList<>();
        java.util.Set<String> found = new java.util.HashSet<>();
        for (String service : java.util.List.of("io.sesame.token.boundary.KeyService", "io.sesame.token.boundary.ApplicationService")) {
            for (com.tngtech.archunit.core.domain.JavaMethod method : sesame.get(service).getMethods()) {
                if (!changes.contains(method.getName()) || !method.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)) {
                    continue;
                }
                found.add(method.getName());
                boolean takesActor = method.getRawParameterTypes().stream().anyMatch(t -> t.isEquivalentTo(io.sesame.access.control.Actor.class));
                boolean checks = method.getMethodCallsFromSelf().stream().anyMatch(call -> call.getTargetOwner()
                        .isEquivalentTo(io.sesame.access.control.Actor.class) && call.getName().equals("require"));
                if (!takesActor || !checks) {
                    unchecked.add(method.getFullName());
                }
            }
        }
        org.assertj.core.api.Assertions.assertThat(found).as("every listed change exists (a rename must update this list)")
                .isEqualTo(changes);
        org.assertj.core.api.Assertions.assertThat(unchecked)
                .as("a door that forgot its own check is still refused by the service: take an Actor and require() a permission")
                .isEmpty();
    }

    @Test
    void entities_know_neither_control_nor_boundary() {
        noClasses().that().resideInAPackage("io.sesame.*.entity..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sesame.*.control..", "io.sesame.*.boundary..")
                .because("entities are what is stored; logic that reads them lives in control")
                .check(sesame);
    }

    @Test
    void control_never_reaches_up_to_a_boundary() {
        noClasses().that().resideInAPackage("io.sesame.*.control..")
                .should().dependOnClassesThat().resideInAPackage("io.sesame.*.boundary..")
                .because("control is plain logic that boundaries call, never the other way round")
                .check(sesame);
    }

    @Test
    void control_logic_is_free_of_container_types() {
        noClasses().that().resideInAPackage("io.sesame.*.control..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "jakarta.enterprise..",
                        "jakarta.inject..", "jakarta.servlet..", "jakarta.transaction..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.ejb.EJB")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.ejb.Stateless")
                .because("the decisions are unit-tested in milliseconds, without a container")
                .check(sesame);
    }

    @Test
    void the_policy_engine_depends_on_no_other_component() {
        noClasses().that().resideInAPackage("io.sesame.policy..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.sesame..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("io.sesame.policy..")))
                .because("every component may use the decisions; they use nothing of Sesame's")
                .check(sesame);
    }

    @Test
    void no_web_types_below_the_web_tier() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "jakarta.faces..")
                .because("HTTP and Faces belong to api-war and admin-jsf; token-ejb serves both")
                .check(sesame);
    }
}
