package io.sesame.ses.boundary;

import io.sesame.ses.control.EmailTemplate;
import io.sesame.ses.control.MailboxSimulator;
import io.sesame.ses.control.OutgoingEmail;
import io.sesame.ses.entity.SandboxMessage;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** The built-in sandbox transport's mailbox: messages are kept in the database instead of being sent. */
@Stateless
public class SandboxStore {

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public String store(OutgoingEmail email, String keyId, EmailTemplate rendered) {
        // SES message ids look like 0100018c5d2e4a1b-<uuid>-000000
        String messageId = "0100" + HexFormat.of().toHexDigits(System.currentTimeMillis()).substring(4) + "-"
                + UUID.randomUUID() + "-000000";
        em.persist(new SandboxMessage(messageId, keyId, email.fromHeader(), String.join(",", email.to()),
                String.join(",", email.cc()), String.join(",", email.bcc()),
                rendered != null ? rendered.subject() : email.subject(),
                rendered != null ? rendered.text() : email.text(),
                rendered != null ? rendered.html() : email.html(),
                email.rawMime() == null ? null : email.rawMime().length, email.template(), email.templateData(),
                email.configurationSet(), MailboxSimulator.outcome(email.recipients()), Instant.now()));
        return messageId;
    }

    /** Newest first. */
    public List<SandboxMessage> latest(int limit) {
        return em.createQuery("select m from SandboxMessage m order by m.createdAt desc", SandboxMessage.class)
                .setMaxResults(limit).getResultList();
    }
}
