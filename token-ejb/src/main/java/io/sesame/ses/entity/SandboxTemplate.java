package io.sesame.ses.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A template kept by the sandbox transport. */
@Entity
@Table(name = "sandbox_template")
public class SandboxTemplate {

    @Id
    @Column(length = 64)
    private String name;

    @Column(nullable = false, length = 2000)
    private String subject;

    @Column(name = "text_part", length = 65535)
    private String text;

    @Column(name = "html_part", length = 65535)
    private String html;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected SandboxTemplate() {
    }

    public SandboxTemplate(String name, String subject, String text, String html, Instant now) {
        this.name = name;
        this.subject = subject;
        this.text = text;
        this.html = html;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void update(String newSubject, String newText, String newHtml, Instant now) {
        this.subject = newSubject;
        this.text = newText;
        this.html = newHtml;
        this.updatedAt = now;
    }

    public String getName() { return name; }
    public String getSubject() { return subject; }
    public String getText() { return text; }
    public String getHtml() { return html; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
}
