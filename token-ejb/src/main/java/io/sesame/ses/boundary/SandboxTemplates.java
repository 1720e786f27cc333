package io.sesame.ses.boundary;

import io.sesame.ses.control.EmailTemplate;
import io.sesame.ses.entity.SandboxTemplate;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The sandbox transport's template store. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SandboxTemplates {

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    public List<String> names() {
        return em.createQuery("select t.name from SandboxTemplate t order by t.name", String.class).getResultList();
    }

    public Optional<EmailTemplate> get(String name) {
        SandboxTemplate t = em.find(SandboxTemplate.class, name);
        return t == null ? Optional.empty() : Optional.of(new EmailTemplate(t.getName(), t.getSubject(), t.getText(), t.getHtml()));
    }

    /** False when a template of that name exists. */
    public boolean create(EmailTemplate template) {
        if (em.find(SandboxTemplate.class, template.name()) != null) {
            return false;
        }
        em.persist(new SandboxTemplate(template.name(), template.subject(), template.text(), template.html(), Instant.now()));
        return true;
    }

    public boolean update(EmailTemplate template) {
        SandboxTemplate t = em.find(SandboxTemplate.class, template.name());
        if (t == null) {
            return false;
        }
        t.update(template.subject(), template.text(), template.html(), Instant.now());
        return true;
    }

    public boolean delete(String name) {
        SandboxTemplate t = em.find(SandboxTemplate.class, name);
        if (t == null) {
            return false;
        }
        em.remove(t);
        return true;
    }
}
