package io.sesame.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One API call to a guarded operation: who, what, the decision and its reasons, and what SES answered. */
@Entity
@Table(name = "call_event")
public class CallEvent {

    /** PENDING is written before SES is called; the outcome replaces it. */
    public enum Decision { PENDING, ALLOWED, DENIED, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "request_id", length = 64)
    private String requestId;

    @Column(name = "application_id", length = 40)
    private String applicationId;

    @Column(name = "key_id", length = 40)
    private String keyId;

    @Column(length = 64)
    private String jti;

    @Column(nullable = false, length = 60)
    private String action;

    @Column(nullable = false, length = 20)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Decision decision;

    @Column(name = "reason_codes", length = 500)
    private String reasonCodes;

    @Column(name = "reason_detail", length = 2000)
    private String reasonDetail;

    @Column(name = "from_address", length = 320)
    private String fromAddress;

    @Column(name = "recipient_count")
    private Integer recipientCount;

    @Column(name = "recipient_domains", length = 2000)
    private String recipientDomains;

    @Column(length = 8000)
    private String recipients;

    @Column(length = 64)
    private String template;

    @Column(name = "configuration_set", length = 64)
    private String configurationSet;

    @Column(length = 20)
    private String transport;

    @Column(name = "ses_message_id", length = 100)
    private String sesMessageId;

    @Column(name = "ses_error", length = 500)
    private String sesError;

    @Column(name = "client_ip", length = 64)
    private String clientIp;

    @Column(name = "user_agent", length = 300)
    private String userAgent;

    @Column(name = "latency_ms")
    private Integer latencyMs;

    /** Whether the event is in the hash chain (not part of its content). */
    @Column(nullable = false)
    private boolean sealed;

    protected CallEvent() {
    }

    public CallEvent(Instant occurredAt, String requestId, String applicationId, String keyId, String jti, String action,
                     String clientIp, String userAgent) {
        this.occurredAt = occurredAt;
        this.requestId = AuditText.bounded(requestId, 64);
        this.applicationId = AuditText.bounded(applicationId, 40);
        this.keyId = AuditText.bounded(keyId, 40);
        this.jti = AuditText.bounded(jti, 64);
        this.action = AuditText.bounded(action, 60);
        this.decision = Decision.PENDING;
        this.clientIp = AuditText.bounded(clientIp, 64);
        this.userAgent = AuditText.bounded(userAgent, 300);
    }

    public void describeMessage(String from, int count, String domains, String fullRecipients, String templateName,
                                String configurationSetName) {
        this.fromAddress = truncate(from, 320);
        this.recipientCount = count;
        this.recipientDomains = truncate(domains, 2000);
        this.recipients = truncate(fullRecipients, 8000);
        this.template = truncate(templateName, 64);
        this.configurationSet = truncate(configurationSetName, 64);
    }

    public void deny(String codes, String detail) {
        this.decision = Decision.DENIED;
        this.reasonCodes = truncate(codes, 500);
        this.reasonDetail = truncate(detail, 2000);
    }

    /** The id the database gave the row (written by the batched writer, not by JPA). */
    public void recordedAs(long generatedId) {
        this.id = generatedId;
    }

    public void allow(String transportName) {
        this.transport = truncate(transportName, 20);
    }

    public void sent(String messageId, int latency) {
        this.decision = Decision.ALLOWED;
        this.sesMessageId = truncate(messageId, 100);
        this.latencyMs = latency;
    }

    public void failed(String error, int latency) {
        this.decision = Decision.FAILED;
        this.sesError = truncate(error, 500);
        this.latencyMs = latency;
    }

    /** Every stored string goes through here: a caller's input can never make the row's INSERT fail. */
    private static String truncate(String s, int max) {
        return AuditText.bounded(s, max);
    }

    public Long getId() { return id; }
    public Instant getOccurredAt() { return occurredAt; }
    public String getRequestId() { return requestId; }
    public String getApplicationId() { return applicationId; }
    public String getKeyId() { return keyId; }
    public String getJti() { return jti; }
    public String getAction() { return action; }
    public Decision getDecision() { return decision; }
    public String getReasonCodes() { return reasonCodes; }
    public String getReasonDetail() { return reasonDetail; }
    public String getFromAddress() { return fromAddress; }
    public Integer getRecipientCount() { return recipientCount; }
    public String getRecipientDomains() { return recipientDomains; }
    public String getRecipients() { return recipients; }
    public String getTemplate() { return template; }
    public String getConfigurationSet() { return configurationSet; }
    public String getTransport() { return transport; }
    public String getSesMessageId() { return sesMessageId; }
    public String getSesError() { return sesError; }
    public String getClientIp() { return clientIp; }
    public String getUserAgent() { return userAgent; }
    public Integer getLatencyMs() { return latencyMs; }

    public boolean isSealed() { return sealed; }

    public void seal() { this.sealed = true; }
}
