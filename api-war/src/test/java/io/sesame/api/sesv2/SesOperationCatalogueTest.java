package io.sesame.api.sesv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.ResourceScope;
import io.sesame.sts.control.SessionPolicyGenerator;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Adding an SES action is one catalogue constant and one {@link SesOperation}: this test fails until the action also
 * has its route, a session-policy statement, a portal label and its README row — so no door, policy or doc forgets it.
 */
class SesOperationCatalogueTest {

    static List<SesOperation> operations;
    static SesOperationTable table;

    @BeforeAll
    static void findOperations() throws ReflectiveOperationException {
        operations = new ArrayList<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.sesame.api.sesv2")) {
            if (c.isAssignableTo(SesOperation.class) && !c.isInterface() && !c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT)) {
                operations.add((SesOperation) c.reflect().getDeclaredConstructor().newInstance());
            }
        }
        table = new SesOperationTable(operations);
    }

    static List<Permission> sesActions() {
        return Arrays.stream(Permission.values()).filter(Permission::isSesAction).toList();
    }

    @Test
    void every_ses_action_in_the_catalogue_has_exactly_one_operation() {
        assertThat(operations.stream().map(SesOperation::permission).toList())
                .as("one SesOperation per catalogue action").containsExactlyInAnyOrderElementsOf(sesActions());
    }

    @Test
    void every_operation_is_routed_by_its_ses_name_and_its_routes_find_it() {
        for (SesOperation op : operations) {
            assertThat(op.getClass().getSimpleName()).as("class named after the operation")
                    .isEqualTo(op.permission().sesOperation().orElseThrow());
            List<String> routes = new ArrayList<>(List.of(op.route()));
            routes.addAll(op.aliases());
            for (String r : routes) {
                SesRoute route = SesRoute.parse(r);
                String path = route.template().replaceAll("\\{[A-Za-z]+}", "x%2By+z%40example.com");
                SesOperationTable.Match match = table.find(route.method(), path).orElseThrow();
                assertThat(match.operation()).as(r).isSameAs(op);
                match.pathParameters().values().forEach(v -> assertThat(v).as("decoded, a literal plus kept").isEqualTo("x+y+z@example.com"));
            }
        }
    }

    @Test
    void every_ses_action_maps_to_iam_actions_in_the_generated_session_policy() {
        for (Permission p : sesActions()) {
            assertThat(p.iamActions()).as(p.action()).isNotEmpty();
            String policy = new SessionPolicyGenerator("us-east-1", "123456789012")
                    .generate(EnumSet.of(p), ResourceScope.UNRESTRICTED).json();
            for (String iam : p.iamActions()) {
                assertThat(policy).as("session policy for " + p.action()).contains("\"" + iam + "\"");
            }
        }
    }

    @Test
    void every_ses_action_has_a_portal_label() {
        // the portal's policy editor and key page show action, area title and description straight from the catalogue
        for (Permission p : sesActions()) {
            assertThat(p.description()).as(p.action()).isNotBlank();
            assertThat(p.area().title()).as(p.action()).isNotBlank();
        }
        assertThat(sesActions().stream().map(Permission::description).collect(Collectors.toSet())).as("labels tell actions apart")
                .hasSize(sesActions().size());
    }

    @Test
    void every_ses_action_has_its_row_in_the_readme() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        for (Permission p : sesActions()) {
            assertThat(readme).as("README row for " + p.action()).contains("| `" + p.action() + "` |");
            assertThat(readme).as("README names the SES endpoint route of " + p.action())
                    .contains("`" + table.of(p).orElseThrow().route() + "`");
        }
    }

    @Test
    void the_table_refuses_two_operations_for_one_action_and_unknown_routes() {
        SesOperation twin = operations.get(0);
        List<SesOperation> doubled = new ArrayList<>(operations);
        doubled.add(new SesOperation() {
            public Permission permission() {
                return twin.permission();
            }

            public String route() {
                return "GET /v2/email/other";
            }

            public JsonObject handle(SesCall call) {
                return null;
            }
        });
        assertThatThrownBy(() -> new SesOperationTable(doubled)).hasMessageContaining("has two operations");
        assertThat(table.find("GET", "/v2/email/templates/a/b")).isEmpty();
        assertThat(table.find("PATCH", "/v2/email/templates/a")).isEmpty();
        assertThat(table.find("GET", "/v2/email/outbound-emails")).as("method matters").isEmpty();
        assertThatThrownBy(() -> SesRoute.parse("GET /v1/x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void path_parameters_are_single_segments_decoded_once() {
        assertThat(table.find("GET", "/v2/email/templates/a%25b")).get().extracting(m -> m.pathParameters())
                .as("decoded once: %25 is a percent sign, not an escape to decode again").isEqualTo(Map.of("TemplateName", "a%b"));
        for (String hostile : new String[] {"a%2Fb", "%2e%2e", ".", "a%5Cb", "a%00b", "a%0d%0aX-Injected:1", "%7F"}) {
            assertThatThrownBy(() -> table.find("GET", "/v2/email/templates/" + hostile)).as(hostile)
                    .isInstanceOfSatisfying(SesError.class, e -> assertThat(e.status()).isEqualTo(400));
        }
        assertThatThrownBy(() -> table.find("GET", "/v2/email/templates/%")).isInstanceOfSatisfying(SesError.class,
                e -> assertThat(e.code()).isEqualTo("SerializationException"));
        assertThatThrownBy(() -> table.find("GET", "/v2/email/templates/%zz")).isInstanceOf(SesError.class);
        assertThat(table.find("GET", "/v2/email/templates/a/b")).as("a raw slash is another path").isEmpty();
        assertThat(table.find("DELETE", "/v2/email/suppression/addresses/")).isEmpty();
        assertThat(table.find("GET", "/v2/email/templates/" + "x".repeat(100_000))).as("long, but one linear match").isPresent();
        assertThat(Set.copyOf(table.names())).hasSize(sesActions().size());
    }

    @Test
    void two_routes_of_one_shape_are_refused_whatever_their_parameter_names() {
        List<SesOperation> clash = new ArrayList<>(operations);
        SesOperation template = table.of(Permission.GET_EMAIL_TEMPLATE).orElseThrow();
        clash.remove(template);
        clash.add(new SesOperation() {
            public Permission permission() {
                return Permission.GET_EMAIL_TEMPLATE;
            }

            public String route() {
                return "GET /v2/email/identities/{Other}";
            }

            public JsonObject handle(SesCall call) {
                return null;
            }
        });
        assertThatThrownBy(() -> new SesOperationTable(clash)).hasMessageContaining("match the same requests");
    }

    @Test
    void ses_failures_answer_error_types_the_sdk_models() {
        var kinds = io.sesame.ses.control.SesFailure.Reason.class;
        assertThat(SesErrors.errorType(new io.sesame.ses.control.SesFailure(io.sesame.ses.control.SesFailure.Reason.NOT_FOUND, "NotFound", "x")))
                .isEqualTo("NotFoundException");
        assertThat(SesErrors.errorType(new io.sesame.ses.control.SesFailure(io.sesame.ses.control.SesFailure.Reason.BAD_REQUEST, "AlreadyExists", "x")))
                .isEqualTo("AlreadyExistsException");
        assertThat(SesErrors.errorType(new io.sesame.ses.control.SesFailure(io.sesame.ses.control.SesFailure.Reason.BAD_REQUEST, "BadRequest", "x")))
                .isEqualTo("BadRequestException");
        assertThat(SesErrors.errorType(new io.sesame.ses.control.SesFailure(io.sesame.ses.control.SesFailure.Reason.REJECTED, "MessageRejected", "x")))
                .isEqualTo("MessageRejected");
        assertThat(SesErrors.errorType(new io.sesame.ses.control.SesFailure(io.sesame.ses.control.SesFailure.Reason.THROTTLED, "TooManyRequestsException", "x")))
                .isEqualTo("TooManyRequestsException");
        assertThat(kinds.getEnumConstants()).allSatisfy(k -> assertThat(SesErrors.errorType(new io.sesame.ses.control.SesFailure(k, null, "x")))
                .endsWith(k == io.sesame.ses.control.SesFailure.Reason.REJECTED ? "Rejected" : k == io.sesame.ses.control.SesFailure.Reason.UNAVAILABLE
                        || k == io.sesame.ses.control.SesFailure.Reason.OUTCOME_UNKNOWN ? "Failure" : "Exception"));
        SesError unknown = SesErrors.fromSes(new io.sesame.ses.control.SesFailure(io.sesame.ses.control.SesFailure.Reason.OUTCOME_UNKNOWN,
                "OutcomeUnknown", "x"));
        assertThat(unknown.status()).as("SES may have sent it: not a 5xx, which every AWS SDK would retry").isEqualTo(409);
        assertThat(unknown.getMessage()).isEqualTo("x");
    }
}
