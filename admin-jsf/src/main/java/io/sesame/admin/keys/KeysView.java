package io.sesame.admin.keys;

import io.sesame.token.boundary.ApplicationService;
import io.sesame.token.boundary.KeyService;
import io.sesame.token.entity.ApiKey;
import io.sesame.token.entity.Application;
import io.sesame.token.entity.KeyStatus;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The key inventory: every key with its application, filtered by status, application, expiry, use and text. */
@Named
@ViewScoped
public class KeysView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    KeyService keys;

    @EJB
    ApplicationService applications;

    /** One line of the inventory. */
    public record Row(ApiKey key, Application application, int permissionCount) implements Serializable {
    }

    private String status = "live";
    @jakarta.inject.Inject
    io.sesame.token.boundary.TokenSettings settings;

    private String applicationId = "";
    private String text = "";
    private String attention = "";
    private List<Row> all;
    private List<Application> applicationList;

    @PostConstruct
    void load() {
        applicationList = applications.list().stream().sorted(Comparator.comparing(Application::getName, String.CASE_INSENSITIVE_ORDER)).toList();
        Map<String, Application> byId = applicationList.stream().collect(Collectors.toMap(Application::getId, Function.identity()));
        all = keys.list(null).stream().map(v -> new Row(v.key(), byId.get(v.key().getApplicationId()), v.policy().permissions().size())).toList();
    }

    public List<Row> getRows() {
        Instant now = Instant.now();
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return all.stream()
                .filter(r -> switch (status) {
                    case "live" -> r.key().getStatus().isLive();
                    case "all" -> true;
                    default -> r.key().getStatus().name().equalsIgnoreCase(status);
                })
                .filter(r -> applicationId == null || applicationId.isEmpty() || r.key().getApplicationId().equals(applicationId))
                .filter(r -> switch (attention) {
                    case "expiring" -> settings.keyAttention().expiringSoon(r.key().getExpiresAt(), now);
                    case "unused" -> settings.keyAttention().unused(r.key().getLastUsedAt(), now);
                    default -> true;
                })
                .filter(r -> needle.isEmpty() || r.key().getId().toLowerCase(Locale.ROOT).contains(needle)
                        || r.key().getName().toLowerCase(Locale.ROOT).contains(needle)
                        || (r.application() != null && r.application().getName().toLowerCase(Locale.ROOT).contains(needle))
                        || (r.application() != null && r.application().getOwner().toLowerCase(Locale.ROOT).contains(needle)))
                .toList();
    }

    public int getTotal() {
        return all.size();
    }

    public KeyStatus[] getStatuses() {
        return KeyStatus.values();
    }

    public List<Application> getApplications() { return applicationList; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status == null ? "live" : status; }
    public String getApplicationId() { return applicationId; }
    public void setApplicationId(String applicationId) { this.applicationId = applicationId; }
    public String getText() { return text; }
    public void setText(String text) { this.text = text; }
    public String getAttention() { return attention; }
    public void setAttention(String attention) { this.attention = attention == null ? "" : attention; }
}
