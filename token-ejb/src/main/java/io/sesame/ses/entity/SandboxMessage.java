package io.sesame.ses.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A message the sandbox transport kept instead of sending. */
@Entity
@Table(name = "sandbox_message")
public class SandboxMessage {

    @Id
    @Column(name = "message_id", length = 100)
    private String messageId;

    @Column(name = "key_id", length = 40)
    private String keyId;

    @Column(name = "from_header", nullable = false, length = 640)
    private String fromHeader;

    /** Comma-separated. */
    @Column(name = "to_addresses", length = 8000)
    private String to;

    @Column(name = "cc_addresses", length = 8000)
    private String cc;

    @Column(name = "bcc_addresses", length = 8000)
    private String bcc;

    @Column(length = 2000)
    private String subject;

    @Column(name = "text_body", length = 1000000)
    private String text;

    @Column(name = "html_body", length = 1000000)
    private String html;

    @Column(name = "raw_size")
    private Integer rawSize;

    @Column(length = 64)
    private String template;

    @Column(name = "template_data", length = 65535)
    private String templateData;

    @Column(name = "configuration_set", length = 64)
    private String configurationSet;

    @Column(name = "simulated_outcome", nullable = false, length = 20)
    private String simulatedOutcome;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected SandboxMessage() {
    }

    public SandboxMessage(String messageId, String keyId, String fromHeader, String to, String cc, String bcc,
                          String subject, String text, String html, Integer rawSize, String template,
                          String templateData, String configurationSet, String simulatedOutcome, Instant createdAt) {
        this.messageId = messageId;
        this.keyId = keyId;
        this.fromHeader = fromHeader;
        this.to = to;
        this.cc = cc;
        this.bcc = bcc;
        this.subject = subject;
        this.text = text;
        this.html = html;
        this.rawSize = rawSize;
        this.template = template;
        this.templateData = templateData;
        this.configurationSet = configurationSet;
        this.simulatedOutcome = simulatedOutcome;
        this.createdAt = createdAt;
    }

    public String getMessageId() { return messageId; }
    public String getKeyId() { return keyId; }
    public String getFromHeader() { return fromHeader; }
    public String getTo() { return to; }
    public String getCc() { return cc; }
    public String getBcc() { return bcc; }
    public String getSubject() { return subject; }
    public String getText() { return text; }
    public String getHtml() { return html; }
    public Integer getRawSize() { return rawSize; }
    public String getTemplate() { return template; }
    public String getTemplateData() { return templateData; }
    public String getConfigurationSet() { return configurationSet; }
    public String getSimulatedOutcome() { return simulatedOutcome; }
    public Instant getCreatedAt() { return createdAt; }
}
