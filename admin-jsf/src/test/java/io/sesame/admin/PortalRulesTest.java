package io.sesame.admin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.sesame.access.control.Actor;
import org.junit.jupiter.api.Test;

/** What the portal, as a front door, may not do itself. */
class PortalRulesTest {

    private static final JavaClasses PORTAL =
            new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.sesame.admin");

    @Test
    void the_portal_never_attaches_an_approval_itself() {
        noClasses().should().callMethod(Actor.class, "carrying", Actor.Approval.class)
                .orShould().callConstructor(Actor.class, String.class, String.class, java.util.Set.class, Actor.Approval.class)
                .because("an approval passes four-eyes: only ApprovalService attaches one, after a second person approved")
                .check(PORTAL);
    }

    @Test
    void the_portal_acts_only_as_the_signed_in_user_never_as_sesame_itself() {
        noClasses().should().callMethod(Actor.class, "system", String.class)
                .orShould().callConstructor(Actor.class, String.class, String.class, java.util.Set.class)
                .because("a portal request acts as its user (CurrentUser.acting()); Sesame's own authority passes four-eyes and is for its jobs")
                .check(PORTAL);
    }

    @Test
    void the_client_address_comes_from_the_one_function_that_knows_the_trusted_proxies() {
        noClasses().should().callMethod(jakarta.servlet.ServletRequest.class, "getRemoteAddr")
                .orShould().callMethod(jakarta.servlet.http.HttpServletRequest.class, "getRemoteAddr")
                .because("sign-in lockouts and the audit count clients, not the proxy: ClientAddresses.of(request)")
                .check(PORTAL);
    }
}
