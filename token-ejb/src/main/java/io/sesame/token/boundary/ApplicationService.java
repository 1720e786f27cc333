package io.sesame.token.boundary;

import jakarta.inject.Inject;
import io.sesame.access.control.Actor;
import io.sesame.audit.boundary.LifecycleAudit;
import io.sesame.policy.control.Permission;
import io.sesame.platform.control.Ids;
import io.sesame.platform.control.SesameException;
import io.sesame.token.entity.Application;
import io.sesame.token.entity.ApplicationStatus;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/** Applications: the client systems that own API keys. */
@Stateless
public class ApplicationService {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,253}\\.[A-Za-z]{2,63}");

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @EJB
    LifecycleAudit audit;

    @Inject
    KeyDirectory directory;

    private final SecureRandom random = new SecureRandom();

    public Application create(String name, String owner, String contactEmail, String description, Actor actor) {
        actor.require(Permission.MANAGE_APPLICATIONS);
        String cleanName = required("name", name, 200);
        String cleanOwner = required("owner", owner, 200);
        if (contactEmail != null && !contactEmail.isBlank() && !EMAIL.matcher(contactEmail.strip()).matches()) {
            throw SesameException.invalid("contactEmail", "'" + contactEmail + "' is not an email address");
        }
        if (description != null && description.length() > 2000) {
            throw SesameException.invalid("description", "at most 2000 characters");
        }
        boolean taken = !em.createQuery("select a.id from Application a where a.name = :name", String.class)
                .setParameter("name", cleanName).setMaxResults(1).getResultList().isEmpty();
        if (taken) {
            throw SesameException.conflict("name_taken", "An application named '" + cleanName + "' already exists");
        }
        Application application = new Application(Ids.application(random), cleanName, cleanOwner,
                blankToNull(contactEmail), blankToNull(description), Instant.now(), actor.name());
        em.persist(application);
        audit.record(actor.name(), "application.created", "application", application.getId(), cleanName, null, null);
        return application;
    }

    public Application get(String id) {
        Application application = em.find(Application.class, id);
        if (application == null) {
            throw SesameException.notFound("application", id);
        }
        return application;
    }

    public List<Application> list() {
        return em.createQuery("select a from Application a order by a.name", Application.class)
                .setMaxResults(1000).getResultList();
    }

    /** Suspends the application: its keys and every token minted from them stop working at once. */
    public Application suspend(String id, Actor actor) {
        actor.require(Permission.MANAGE_APPLICATIONS);
        Application application = get(id);
        if (application.getStatus() != ApplicationStatus.SUSPENDED) {
            application.suspend();
            audit.record(actor.name(), "application.suspended", "application", id, application.getName(), null, null);
        }
        directory.invalidateApplication(id);
        return application;
    }

    public Application reactivate(String id, Actor actor) {
        actor.require(Permission.MANAGE_APPLICATIONS);
        Application application = get(id);
        if (application.getStatus() != ApplicationStatus.ACTIVE) {
            application.reactivate();
            audit.record(actor.name(), "application.reactivated", "application", id, application.getName(), null, null);
        }
        directory.invalidateApplication(id);
        return application;
    }

    private static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw SesameException.invalid(field, "is required");
        }
        String v = value.strip();
        if (v.length() > max || v.chars().anyMatch(c -> c < 0x20)) {
            throw SesameException.invalid(field, "1-" + max + " characters without control characters");
        }
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
