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
                .check(API);
    }

    @Test
    void no_door_attaches_an_approval_itself() {
        noClasses().should().callMethod(Actor.class, "carrying", Actor.Approval.class)
                .orShould().callConstructor(Actor.class, String.class, String.class, java.util.Set.class, Actor.Approval.class)
                .because("an approval passes four-eyes: only ApprovalService attaches one, after a second person approved")
                .check(API);
    }

    @Test
    void the_client_address_comes_from_the_one_function_that_knows_the_trusted_proxies() {
        noClasses().should().callMethod(jakarta.servlet.ServletRequest.class, "getRemoteAddr")
                .orShould().callMethod(jakarta.servlet.http.HttpServletRequest.class, "getRemoteAddr")
                .because("behind a proxy the TCP peer is the proxy: ClientAddresses.of(request) applies sesame.http.trusted-proxies")
                .check(API);
    }

    private static final com.tngtech.archunit.core.domain.JavaClasses API =
            new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.sesame.api");

    @Test
    void the_api_declares_no_container_security_because_it_runs_without_container_authentication() throws Exception {
        // ContainerAuthenticationOff takes the API module out of Jakarta Authentication: a role or constraint declared
        // here would silently fall back to the container's realm instead of Sesame's bearer and SigV4 checks
        noClasses().should().beAnnotatedWith(jakarta.annotation.security.RolesAllowed.class)
                .orShould().beAnnotatedWith(jakarta.annotation.security.PermitAll.class)
                .orShould().beAnnotatedWith(jakarta.annotation.security.DenyAll.class)
                .orShould().beAnnotatedWith(jakarta.servlet.annotation.ServletSecurity.class)
                .orShould().callMethod(jakarta.servlet.http.HttpServletRequest.class, "getUserPrincipal")
                .orShould().callMethod(jakarta.servlet.http.HttpServletRequest.class, "isUserInRole", String.class)
                .because("the API authenticates bearer tokens and SigV4 itself (AuthorizationFilter, SesV2Endpoint)")
                .check(API);
        org.assertj.core.api.Assertions.assertThat(methodsWithRoles())
                .as("no resource method is annotated with a role either").isEmpty();
        String webXml = java.nio.file.Files.readString(java.nio.file.Path.of("src/main/webapp/WEB-INF/web.xml"));
        org.assertj.core.api.Assertions.assertThat(webXml).doesNotContain("<security-constraint").doesNotContain("<login-config");
    }

    /** Methods carrying a role annotation (class-level ones are checked by the rule above). */
    private static java.util.List<String> methodsWithRoles() {
        return API.stream().flatMap(c -> c.getMethods().stream())
                .filter(m -> m.isAnnotatedWith(jakarta.annotation.security.RolesAllowed.class)
                        || m.isAnnotatedWith(jakarta.annotation.security.PermitAll.class)
                        || m.isAnnotatedWith(jakarta.annotation.security.DenyAll.class))
                .map(com.tngtech.archunit.core.domain.JavaMethod::getFullName).toList();
    }
}
