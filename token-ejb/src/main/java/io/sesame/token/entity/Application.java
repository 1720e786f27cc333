package io.sesame.token.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A client system that sends mail through Sesame; it owns API keys. */
@Entity
@Table(name = "application")
@NamedQuery(name = Application.COUNT, query = "select count(a) from Application a")
public class Application {

    public static final String COUNT = "Application.count";

    @Id
    @Column(length = 40)
    private String id;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false, length = 200)
    private String owner;

    @Column(name = "contact_email", length = 320)
    private String contactEmail;

    @Column(length = 2000)
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private ApplicationStatus status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 200)
    private String createdBy;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    protected Application() {
    }

    public Application(String id, String name, String owner, String contactEmail, String description,
                       Instant createdAt, String createdBy) {
        this.id = id;
        this.name = name;
        this.owner = owner;
        this.contactEmail = contactEmail;
        this.description = description;
        this.status = ApplicationStatus.ACTIVE;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    public String getId() { return id; }
    public String getName() { return name; }
    public String getOwner() { return owner; }
    public String getContactEmail() { return contactEmail; }
    public String getDescription() { return description; }
    public ApplicationStatus getStatus() { return status; }
    public Instant getCreatedAt() { return createdAt; }
    public String getCreatedBy() { return createdBy; }

    public void suspend() { this.status = ApplicationStatus.SUSPENDED; }
    public void reactivate() { this.status = ApplicationStatus.ACTIVE; }
}
