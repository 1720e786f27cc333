package io.sesame.mail.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sesame.audit.boundary.CallAudit;
import io.sesame.audit.control.CallContext;
import io.sesame.platform.control.ErrorKind;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.AccessPolicy;
import io.sesame.policy.control.Decision;
import io.sesame.policy.control.MessageFacts;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.ResourceScope;
import io.sesame.ses.boundary.SesGateway;
import io.sesame.ses.control.OutgoingEmail;
import io.sesame.token.boundary.KeyDirectory;
import io.sesame.token.control.KeyState;
import io.sesame.token.entity.ApplicationStatus;
import io.sesame.token.entity.KeyStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** "No send without an audit record": when the attempt cannot be recorded, SES is never called. */
class SendServiceFailClosedTest {

    @Test
    void an_unwritable_audit_refuses_the_send_and_never_calls_ses() {
        AtomicInteger sesCalls = new AtomicInteger();
        SendService service = new SendService();
        service.directory = new KeyDirectory() {
            @Override
            public KeyState find(String keyId) {
                return new KeyState(keyId, "app_1", "app", ApplicationStatus.ACTIVE, KeyStatus.ACTIVE, "hash",
                        Instant.now().plusSeconds(3600), null, 1,
                        new AccessPolicy(EnumSet.of(Permission.SEND_EMAIL), ResourceScope.UNRESTRICTED));
            }
        };
        service.audit = new CallAudit() {
            @Override
            public long begin(CallContext caller, String action, MessageFacts email, Decision decision, String transport) {
                throw new IllegalStateException("database down");
            }
        };
        service.gateway = new SesGateway() {
            @Override
            public String transportName() {
                return "sandbox";
            }

            @Override
            public String send(OutgoingEmail email, String keyId) {
                sesCalls.incrementAndGet();
                return "should-not-happen";
            }
        };
        CallContext caller = new CallContext("KEY", "app_1", "jti", EnumSet.of(Permission.SEND_EMAIL), "127.0.0.1", "test", "req-1");
        OutgoingEmail email = new OutgoingEmail(OutgoingEmail.Kind.SIMPLE, "a@example.com", null, List.of("b@example.net"),
                List.of(), List.of(), List.of(), "s", "t", null, null, null, null, null, Map.of());

        assertThatThrownBy(() -> service.send(caller, email, null, null))
                .isInstanceOfSatisfying(SesameException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("audit trail cannot be written");
                });
        assertThat(sesCalls).hasValue(0);
    }
}
