package io.sesame.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.sesame.access.control.Actor;
import org.junit.jupiter.api.Test;

/** What a front door may and may not do with identities. */
class DoorRulesTest {

    @Test
    void the_api_acts_only_as_the_authenticated_key_never_as_sesame_itself() {
        noClasses().that().resideInAPackage("io.sesame.api..")
                .should().callMethod(Actor.class, "system", String.class)
                .orShould().callConstructor(Actor.class, String.class, String.class, java.util.Set.class)
                .because("an API request acts as the key that authenticated it (Caller.acting()); Sesame's own authority is "
                        + "for its jobs")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.sesame.api"));
    }
}
