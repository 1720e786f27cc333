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

    /** Every change an admin can make, by service: each must take an Actor and require() a permission itself. */
    private static final java.util.Map<String, java.util.Set<String>> CHANGES = java.util.Map.ofEntries(
            java.util.Map.entry("io.sesame.token.boundary.KeyService", java.util.Set.of("issue", "checkIssue", "changePolicy", "checkPolicyChange", "rotate", "checkRotate", "holdsSecretOf",
                    "revoke", "suspend", "reactivate", "revokeFamily", "revokeAll", "issueFederated")),
            java.util.Map.entry("io.sesame.federation.boundary.FederationService", java.util.Set.of("create", "list", "get")),
            java.util.Map.entry("io.sesame.token.boundary.ApplicationService", java.util.Set.of("create", "suspend", "reactivate")),
            java.util.Map.entry("io.sesame.token.boundary.SigningKeyService", java.util.Set.of("rotateNow", "revokeNow")),
            java.util.Map.entry("io.sesame.token.boundary.KeyHygiene", java.util.Set.of("run")),
            java.util.Map.entry("io.sesame.approval.boundary.ApprovalService", java.util.Set.of("issueKey", "changePolicy", "rotateKey", "createUser", "setRoles", "approve",
                    "reject", "collect")),
            java.util.Map.entry("io.sesame.review.boundary.ReviewService", java.util.Set.of("create", "close")),
            java.util.Map.entry("io.sesame.alert.boundary.AlertService", java.util.Set.of("setRule", "deleteRule", "resolve")),
            java.util.Map.entry("io.sesame.audit.boundary.AuditRetention", java.util.Set.of("run")),
            java.util.Map.entry("io.sesame.backup.boundary.DatabaseBackup", java.util.Set.of("backupNow")),
            java.util.Map.entry("io.sesame.user.boundary.AdminAccounts", java.util.Set.of("create", "checkCreate", "setRoles", "checkRoles", "setActive")));

    /** The changes four-eyes can hold up: each checks the gate itself, so that no door can skip the approval. */
    private static final java.util.Map<String, java.util.Set<String>> GATED = java.util.Map.of(
            "io.sesame.token.boundary.KeyService", java.util.Set.of("issue", "changePolicy", "rotate"),
            "io.sesame.user.boundary.AdminAccounts", java.util.Set.of("create", "setRoles"));

    @Test
    void every_gated_change_checks_four_eyes_in_the_service() {
        java.util.List<String> unchecked = new java.util.ArrayList<>();
        GATED.forEach((service, changes) -> changes.forEach(change -> {
            boolean checks = sesame.get(service).getMethods().stream().filter(m -> m.getName().equals(change)).allMatch(m -> m.getMethodCallsFromSelf()
                    .stream().anyMatch(call -> call.getTargetOwner().isEquivalentTo(io.sesame.access.control.FourEyesGates.class)
                            && call.getName().equals("require")));
            if (!checks) {
                unchecked.add(service + "." + change);
            }
        }));
        org.assertj.core.api.Assertions.assertThat(unchecked).as("call FourEyesGates.require before the change").isEmpty();
    }

    @Test
    void only_client_addresses_reads_the_tcp_peer() {
        noClasses().that().doNotHaveFullyQualifiedName("io.sesame.platform.boundary.ClientAddresses")
                .should().callMethod(jakarta.servlet.ServletRequest.class, "getRemoteAddr")
                .orShould().callMethod(jakarta.servlet.http.HttpServletRequest.class, "getRemoteAddr")
                .because("behind a proxy the TCP peer is the proxy; ClientAddresses applies sesame.http.trusted-proxies for every door")
                .check(sesame);
    }

    @Test
    void only_the_approval_component_attaches_an_approval_to_an_actor() {
        noClasses().that().resideOutsideOfPackage("io.sesame.approval..").and().doNotHaveFullyQualifiedName(io.sesame.access.control.Actor.class.getName())
                .should().callMethod(io.sesame.access.control.Actor.class, "carrying", io.sesame.access.control.Actor.Approval.class)
                .orShould().callConstructor(io.sesame.access.control.Actor.class, String.class, String.class, java.util.Set.class,
                        io.sesame.access.control.Actor.Approval.class)
                .because("an approval lets a gated change pass four-eyes: only ApprovalService, after a second person approved, may attach one")
                .check(sesame);
    }

    @Test
    void every_admin_change_checks_its_actor_in_the_service() {
        java.util.List<String> unchecked = new java.util.ArrayList<>();
        java.util.List<String> missing = new java.util.ArrayList<>();
        CHANGES.forEach((service, changes) -> {
            java.util.Set<String> found = new java.util.HashSet<>();
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
            changes.stream().filter(c -> !found.contains(c)).forEach(c -> missing.add(service + "." + c));
        });
        org.assertj.core.api.Assertions.assertThat(missing).as("every listed change exists (a rename must update this list)").isEmpty();
        org.assertj.core.api.Assertions.assertThat(unchecked)
                .as("a door that forgot its own check is still refused by the service: take an Actor and require() a permission")
                .isEmpty();
    }

    @Test
    void no_public_change_of_those_services_escapes_the_list() {
        // A new public method that writes (persists, removes or audits) must be listed above, or be a read.
        java.util.List<String> unlisted = new java.util.ArrayList<>();
        CHANGES.forEach((service, changes) -> {
            for (com.tngtech.archunit.core.domain.JavaMethod method : sesame.get(service).getMethods()) {
                if (!method.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC) || changes.contains(method.getName())) {
                    continue;
                }
                boolean takesActor = method.getRawParameterTypes().stream().anyMatch(t -> t.isEquivalentTo(io.sesame.access.control.Actor.class));
                if (takesActor) {
                    unlisted.add(method.getFullName());
                }
            }
        });
        org.assertj.core.api.Assertions.assertThat(unlisted).as("a public method taking an Actor is a change: list it in CHANGES").isEmpty();
    }

    @Test
    void every_key_state_change_goes_through_the_state_machine() {
        noClasses().that().doNotHaveFullyQualifiedName("io.sesame.token.boundary.KeyService")
                .should().callMethod(io.sesame.token.entity.ApiKey.class, "moveTo", io.sesame.token.entity.KeyStatus.class,
                        java.time.Instant.class, java.time.Instant.class)
                .because("KeyLifecycle decides every transition; KeyService stores what it decided (KeyService.apply)")
                .check(sesame);
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
    void the_policy_engine_depends_only_on_the_kernel() {
        noClasses().that().resideInAPackage("io.sesame.policy..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.sesame..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("io.sesame.policy.."))
                        .and(JavaClass.Predicates.resideOutsideOfPackage("io.sesame.platform.control..")))
                .because("every component may use the decisions; they use nothing of Sesame's but the kernel's error kinds")
                .check(sesame);
    }

    @Test
    void domain_errors_share_one_base_and_carry_no_http_status() {
        java.util.List<String> offenders = new java.util.ArrayList<>();
        for (JavaClass type : sesame) {
            if (!type.isAssignableTo(Throwable.class)) {
                continue;
            }
            // the one exception that is not a refusal: the audit writer's internal "this batch did not commit" signal
            boolean base = type.isAssignableTo(io.sesame.platform.control.SesameException.class)
                    || type.isEquivalentTo(io.sesame.audit.control.GroupCommit.NotCommitted.class);
            boolean httpStatus = type.getAllFields().stream().anyMatch(f -> f.getRawType().isEquivalentTo(int.class)
                    && f.getName().toLowerCase(java.util.Locale.ROOT).contains("status"));
            if (!base || httpStatus) {
                offenders.add(type.getName() + (base ? " holds an HTTP status" : " does not extend SesameException"));
            }
        }
        org.assertj.core.api.Assertions.assertThat(offenders)
                .as("an error says what went wrong (ErrorKind); each door picks its status")
                .isEmpty();
    }

    @Test
    void no_web_types_below_the_web_tier() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "jakarta.faces..")
                .because("HTTP and Faces belong to api-war and admin-jsf; token-ejb serves both")
                .check(sesame);
    }

    @Test
    void the_send_paths_own_beans_are_cdi_beans() {
        // each EJB call costs the container's security, transaction and interceptor work on every send (BENCHMARKS.md,
        // issue 18); these beans need none of it: they are CDI beans, and their few EJB needs live elsewhere
        // (KeyDirectoryTidying's timer, SesGatewayStartup's start-up check, DailyQuota's and IdempotencyStore's
        // transactions, called only when a key has quotas or a request an Idempotency-Key)
        java.util.List<Class<?>> sendPath = java.util.List.of(io.sesame.mail.boundary.SendService.class,
                io.sesame.audit.boundary.CallAudit.class, io.sesame.audit.boundary.CallEventWriter.class,
                io.sesame.ses.boundary.SesGateway.class, io.sesame.token.boundary.KeyDirectory.class,
                io.sesame.token.boundary.BearerAuthentication.class);
        org.assertj.core.api.Assertions.assertThat(sendPath)
                .allSatisfy(type -> org.assertj.core.api.Assertions.assertThat(type)
                        .as(type.getSimpleName() + " is a CDI bean")
                        .hasAnnotation(jakarta.enterprise.context.ApplicationScoped.class)
                        .matches(t -> !t.isAnnotationPresent(jakarta.ejb.Stateless.class) && !t.isAnnotationPresent(jakarta.ejb.Singleton.class),
                                "is no session bean"));
    }
}
