package io.sesame.mail.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** The first outcome of a request sent with an {@code Idempotency-Key}, per API key. */
@Entity
@Table(name = "idempotency_record")
@IdClass(IdempotencyRecord.Key.class)
public class IdempotencyRecord {

    public enum State { IN_PROGRESS, COMPLETED }

    @Id
    @Column(name = "key_id", length = 40)
    private String keyId;

    @Id
    @Column(name = "idempotency_key", length = 255)
    private String idempotencyKey;

    @Column(name = "request_hash", nullable = false, length = 64)
    private String requestHash;

    @Column(nullable = false, length = 20)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private State state;

    @Column(name = "http_status")
    private Integer httpStatus;

    @Column(length = 4000)
    private String response;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected IdempotencyRecord() {
    }

    public IdempotencyRecord(String keyId, String idempotencyKey, String requestHash, Instant createdAt) {
        this.keyId = keyId;
        this.idempotencyKey = idempotencyKey;
        this.requestHash = requestHash;
        this.state = State.IN_PROGRESS;
        this.createdAt = createdAt;
    }

    public void complete(int status, String body) {
        this.state = State.COMPLETED;
        this.httpStatus = status;
        this.response = body;
    }

    public String getRequestHash() { return requestHash; }
    public State getState() { return state; }
    public Integer getHttpStatus() { return httpStatus; }
    public String getResponse() { return response; }
    public Instant getCreatedAt() { return createdAt; }

    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String keyId;
        private String idempotencyKey;

        public Key() {
        }

        public Key(String keyId, String idempotencyKey) {
            this.keyId = keyId;
            this.idempotencyKey = idempotencyKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(keyId, k.keyId) && Objects.equals(idempotencyKey, k.idempotencyKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(keyId, idempotencyKey);
        }
    }
}
