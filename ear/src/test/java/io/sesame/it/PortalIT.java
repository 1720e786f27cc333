package io.sesame.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;

/**
 * The admin portal in a real browser (Debian's Chromium, headless) against the real EAR: sign-in, the issue-key
 * wizard, the one-time key, rotation, revocation, the inventory with hostile names, audit search and CSV, sign-out
 * and lockout. Screenshots of each main page land in target/screenshots.
 */
@ExtendWith({FreshDatabase.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalIT {

    static final String HOSTILE = "<script>alert('pwned')</script> Shop";
    static Browser browser;
    static String issuedKeyId;
    static String issuedKey;
    static String secondPassword;

    @Deployment(testable = false)
    static EnterpriseArchive sesame() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("sesame.ear")));
    }

    @BeforeAll
    static void start() {
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    static String adminPassword() throws Exception {
        String fromEnv = System.getProperty("sesame.it.admin.password");
        return fromEnv != null ? fromEnv : SesameClient.bootstrapCredentials().getProperty("admin.password");
    }

    /** A second root admin (sesame.bootstrap.additional-admins in this run): the approver no one here made. */
    static String opsPassword() throws Exception {
        return SesameClient.bootstrapCredentials().getProperty("admin.ops.password");
    }

    private static void signIn(String password) {
        signIn("admin", password);
    }

    private static void signIn(String username, String password) {
        signIn(browser, username, password);
    }

    private static void signIn(Browser in, String username, String password) {
        in.open("/admin/login.xhtml");
        in.type("[id='login:username']", username);
        in.type("[id='login:password']", password);
        in.click("[id='login:submit']");
    }

    /** Clicks a button in one user's row of the Users page and waits for the page to come back. */
    private static void onUserRow(String username, String button) {
        browser.open("/admin/users.xhtml");
        org.openqa.selenium.WebElement element = browser.driver.findElement(By.xpath(
                "//tr[td/strong[text()='" + username + "']]//input[@value='" + button + "']"));
        element.click();
        // the page reloads: the old button leaves the document (Chromium sometimes reports that as an inspector error
        // rather than a stale element; either way it is gone)
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(20)).until(d -> {
            try {
                element.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
    }

    /** A download with the browser's session (as the browser would fetch it). */
    private static HttpResponse<String> download(String href) throws Exception {
        return Http.send(HttpRequest.newBuilder(java.net.URI.create(href)).header("Cookie", "JSESSIONID=" + browser.cookie("JSESSIONID")).GET());
    }

    /** The HSTS header of a GET over the test domain's HTTPS listener (8181, Payara's self-signed certificate). */
    private static String hstsOver(String url) throws Exception {
        javax.net.ssl.HttpsURLConnection connection = Http.openTestHttps(url);
        connection.setInstanceFollowRedirects(true);
        try {
            connection.getResponseCode();
            return connection.getHeaderField("Strict-Transport-Security");
        } finally {
            connection.disconnect();
        }
    }

    @Test
    @Order(0)
    void over_https_the_session_cookie_is_secure_http_only_and_same_site_strict_and_hsts_is_sent() throws Exception {
        String https = "https://localhost:8181";
        try (Browser secure = new Browser()) {
            secure.driver.get(https + "/admin/login.xhtml");
            secure.type("[id='login:username']", "admin");
            secure.type("[id='login:password']", adminPassword());
            secure.click("[id='login:submit']");
            assertThat(secure.driver.getCurrentUrl()).startsWith(https + "/admin/index.xhtml");
            org.openqa.selenium.Cookie session = secure.driver.manage().getCookieNamed("JSESSIONID");
            assertThat(session.isSecure()).as("Secure over HTTPS").isTrue();
            assertThat(session.isHttpOnly()).isTrue();
            assertThat(session.getSameSite()).isEqualTo("Strict");
            secure.click("[id='signout:logout']");
        }
        assertThat(hstsOver(https + "/admin/login.xhtml")).isEqualTo("max-age=31536000");
        assertThat(hstsOver(https + "/api/v1/")).as("the API too").isEqualTo("max-age=31536000");
        assertThat(Http.get("/admin/login.xhtml").headers().firstValue("Strict-Transport-Security")).as("never over plain HTTP").isEmpty();
    }

    @Test
    @Order(1)
    void pages_need_a_sign_in_and_a_wrong_password_is_refused_with_one_message() throws Exception {
        browser.open("/admin/keys.xhtml");
        assertThat(browser.driver.getCurrentUrl()).contains("/admin/login.xhtml");
        browser.screenshot("01-sign-in");
        signIn("not-the-password");
        assertThat(browser.text(".messages .error")).contains("Wrong user name or password");

        HttpResponse<String> login = Http.get("/admin/login.xhtml");
        assertThat(login.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("script-src 'self'").contains("frame-ancestors 'none'");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(login.headers().firstValue("X-Frame-Options")).contains("DENY");
    }

    @Test
    @Order(2)
    void the_dashboard_shows_after_sign_in() throws Exception {
        signIn(adminPassword());
        assertThat(browser.driver.getCurrentUrl()).contains("/admin/index.xhtml");
        assertThat(browser.text("h1")).isEqualTo("Dashboard");
        assertThat(Integer.parseInt(browser.text("#live-keys"))).as("at least the bootstrap key").isPositive();
        org.openqa.selenium.Cookie session = browser.driver.manage().getCookieNamed("JSESSIONID");
        assertThat(session.isSecure()).as("plain HTTP (local use): a Secure cookie would never come back").isFalse();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        browser.find("#activity-chart canvas"); // echarts, served from the war, drew the chart
        browser.screenshot("02-dashboard");
    }

    @Test
    @Order(3)
    void an_admin_creates_a_second_admin_whose_first_password_is_shown_once() throws Exception {
        browser.open("/admin/users.xhtml");
        browser.type("[id='create:username']", "second-admin");
        browser.find("input[id^='create:roles'][value='admin']").click();
        browser.click("[id='create:add']");
        assertThat(browser.text("#created-user")).isEqualTo("second-admin");
        secondPassword = browser.text("#created-password");
        assertThat(secondPassword).hasSize(20);
        browser.screenshot("03-users");
        browser.open("/admin/users.xhtml");
        assertThat(browser.driver.getPageSource()).as("shown once").doesNotContain(secondPassword);
    }

    @Test
    @Order(4)
    void the_wizard_requests_a_key_that_a_second_admin_approves_and_the_requester_collects_once() throws Exception {
        // The request comes from second-admin: admin created that account, so only admin may approve (four eyes are two people).
        browser.click("[id='signout:logout']");
        signIn("second-admin", secondPassword);
        browser.open("/admin/account.xhtml");
        String chosen = "second admins own choice 2026!";
        browser.type("[id='password:current']", secondPassword);
        browser.type("[id='password:next']", chosen);
        browser.type("[id='password:repeat']", chosen);
        browser.click("[id='password:change']");
        assertThat(browser.text(".messages .info")).contains("Password changed");
        secondPassword = chosen;
        browser.open("/admin/issue.xhtml");
        browser.type("[id='wizard:newApplicationName']", HOSTILE);
        browser.type("[id='wizard:newApplicationOwner']", "payments team");
        browser.type("[id='wizard:keyName']", "order confirmations");
        browser.type("[id='wizard:expiresInDays']", "30");
        browser.click("[id='wizard:next1']");

        browser.find("input[value='ses:SendEmail']").click();
        browser.type("textarea[id$='fromAddresses']", "not an address");
        browser.click("[id='wizard:next2']");
        assertThat(browser.text(".messages .error")).as("the API's own validation, named").contains("fromAddresses");
        browser.type("textarea[id$='fromAddresses']", "orders@shop.example.com");
        browser.type("input[id$='maxRecipients']", "5");
        browser.screenshot("04-issue-key-policy");
        browser.click("[id='wizard:next2']");
        assertThat(browser.text(".facts")).contains("ses:SendEmail").contains(HOSTILE);
        browser.click("[id='wizard:issue']");
        String requestId = browser.text("#request-id");
        browser.screenshot("05-issue-key-requested");

        browser.open("/admin/approvals.xhtml");
        assertThat(browser.text("[id='approvals:requests']")).contains("yours: another admin decides");
        assertThat(browser.driver.findElements(By.cssSelector("input[value='Approve']"))).as("no approving one's own request").isEmpty();

        // admin created second-admin (and saw the first password): only someone admin did not make may approve
        browser.click("[id='signout:logout']");
        signIn("admin", adminPassword());
        browser.open("/admin/approvals.xhtml");
        browser.click("input[value='Approve']");
        assertThat(browser.text(".messages .error")).contains("portal:admin made portal:second-admin");
        browser.click("[id='signout:logout']");
        signIn("ops", opsPassword());
        browser.open("/admin/approvals.xhtml");
        assertThat(browser.text("[id='approvals:requests']")).contains("#" + requestId);
        browser.screenshot("06-approvals");
        browser.click("input[value='Approve']");
        assertThat(browser.text(".messages .info")).contains("approved");
        browser.click("[id='signout:logout']");

        signIn("second-admin", secondPassword);
        browser.open("/admin/approvals.xhtml");
        browser.click("input[value='Collect the key']");
        issuedKey = browser.text("#new-api-key");
        issuedKeyId = browser.text("#collected-key-id");
        assertThat(issuedKey).startsWith("sesame_").contains(issuedKeyId);
        browser.screenshot("07-key-collected-once");
        assertThat(SesameClient.token(issuedKey)).as("the key trades for a token").isNotBlank();

        browser.open("/admin/key.xhtml?id=" + issuedKeyId);
        assertThat(browser.text("#key-id")).isEqualTo(issuedKeyId);
        assertThat(browser.driver.getPageSource()).as("the secret is never shown again").doesNotContain(issuedKey);
        assertThat(browser.text("#scope")).contains("orders@shop.example.com");
        browser.screenshot("08-key-detail");

        // admin widens that key: the request waits, and second-admin (who made the key, and whom admin created) may not approve it
        browser.click("[id='signout:logout']");
        signIn("admin", adminPassword());
        browser.open("/admin/key.xhtml?id=" + issuedKeyId);
        browser.click("[id='actions:policy']");
        browser.find("input[value='ses:GetAccount']").click();
        browser.click("[id='actions:save-policy']");
        assertThat(browser.text(".messages .info")).contains("waits for another admin's approval");
        browser.click("[id='signout:logout']");
        signIn("second-admin", secondPassword);
        browser.open("/admin/approvals.xhtml");
        browser.click("input[value='Approve']");
        assertThat(browser.text(".messages .error")).as("admin made second-admin, who holds that key").contains("portal:admin created or elevated portal:second-admin");
        browser.click("[id='signout:logout']");
        signIn("admin", adminPassword());
    }

    /** Approves one request in the portal, as whoever is signed in, and returns the message the page shows. */
    private static String approveInPortal(long requestId) {
        browser.open("/admin/approvals.xhtml");
        browser.driver.findElement(By.xpath("//tr[td[starts-with(normalize-space(.), '#" + requestId + " ')]]//input[@value='Approve']")).click();
        return browser.text(".messages");
    }

    @Test
    @Order(5)
    void four_eyes_holds_at_the_rest_door_too_and_keys_made_by_the_requester_cannot_approve() throws Exception {
        // second-admin (a person of their own now) gets a key-manager key through the wizard; admin approves
        browser.click("[id='signout:logout']");
        signIn("second-admin", secondPassword);
        browser.open("/admin/issue.xhtml");
        browser.type("[id='wizard:newApplicationName']", "ci-tools");
        browser.type("[id='wizard:keyName']", "ci deployer");
        browser.type("[id='wizard:expiresInDays']", "7");
        browser.click("[id='wizard:next1']");
        browser.find("input[value='sesame:ManageKeys']").click();
        browser.find("input[value='sesame:ManageApplications']").click();
        browser.click("[id='wizard:next2']");
        browser.click("[id='wizard:issue']");
        long walletRequest = Long.parseLong(browser.text("#request-id"));
        browser.click("[id='signout:logout']");
        signIn("ops", opsPassword());
        assertThat(approveInPortal(walletRequest)).contains("approved");
        browser.click("[id='signout:logout']");
        signIn("second-admin", secondPassword);
        browser.open("/admin/approvals.xhtml");
        browser.driver.findElement(By.xpath("//tr[td[starts-with(normalize-space(.), '#" + walletRequest + " ')]]//input[@value='Collect the key']")).click();
        String ciKey = browser.text("#new-api-key");
        String ciKeyId = browser.text("#collected-key-id");
        browser.click("[id='signout:logout']");
        signIn("admin", adminPassword());

        String boot = SesameClient.token(SesameClient.bootstrapKey());
        String ci = SesameClient.token(ciKey);
        String app = SesameClient.createApplication(boot, "four-eyes-rest");
        HttpResponse<String> asked = SesameClient.post("/api/v1/admin/applications/" + app + "/keys", ci, Json.createObjectBuilder()
                .add("name", "sender").add("expiresInDays", 7).add("policy", SesameClient.policy("ses:SendEmail"))
                .add("reason", "the release needs its own key").build());
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        JsonObject request = Http.json(asked);
        long id = request.getJsonNumber("id").longValue();
        assertThat(asked.headers().firstValue("Location")).get().asString().endsWith("/api/v1/admin/approvals/" + id);
        assertThat(request.getString("status")).isEqualTo("pending");
        assertThat(request.getString("kind")).isEqualTo("issue-key");
        assertThat(request).as("nothing secret before approval").doesNotContainKey("apiKey");
        assertThat(Http.json(SesameClient.get("/api/v1/admin/applications/" + app + "/keys", boot)).getJsonArray("items"))
                .as("no key exists yet").isEmpty();

        HttpResponse<String> selfApproval = SesameClient.post("/api/v1/admin/approvals/" + id + "/approve", ci, null);
        assertThat(selfApproval.statusCode()).isEqualTo(409);
        assertThat(selfApproval.body()).contains("four_eyes").contains("You requested");
        assertThat(SesameClient.post("/api/v1/admin/approvals/" + id + "/collect", ci, null).statusCode()).as("not approved yet").isEqualTo(409);
        assertThat(SesameClient.post("/api/v1/admin/approvals/x" + id + "/approve", ci, null).statusCode()).isEqualTo(404);
        assertThat(SesameClient.post("/api/v1/admin/approvals/" + id + "/approve", boot, Json.createObjectBuilder().add("nothe", "x").build())
                .statusCode()).as("a typo in the body is named, not ignored").isEqualTo(400);

        // the bootstrap key is admin's, and admin made second-admin, whose key asks: one person could be both
        HttpResponse<String> byMaker = SesameClient.post("/api/v1/admin/approvals/" + id + "/approve", boot, null);
        assertThat(byMaker.statusCode()).isEqualTo(409);
        assertThat(byMaker.body()).contains("four_eyes").contains("portal:admin made portal:second-admin");
        browser.click("[id='signout:logout']");
        signIn("ops", opsPassword());
        assertThat(approveInPortal(id)).contains("approved");
        browser.click("[id='signout:logout']");
        signIn("admin", adminPassword());
        assertThat(Http.json(SesameClient.get("/api/v1/admin/approvals/" + id, boot)).getString("status")).isEqualTo("approved");
        assertThat(SesameClient.post("/api/v1/admin/approvals/" + id + "/collect", boot, null).statusCode())
                .as("only the requester collects").isEqualTo(403);
        HttpResponse<String> collected = SesameClient.post("/api/v1/admin/approvals/" + id + "/collect", ci, null);
        assertThat(collected.statusCode()).as(collected.body()).isEqualTo(201);
        assertThat(collected.headers().firstValue("Cache-Control")).contains("no-store");
        JsonObject sender = Http.json(collected);
        assertThat(sender.getString("apiKey")).startsWith("sesame_");
        assertThat(sender.getString("createdBy")).startsWith("key:" + ciKeyId);
        assertThat(SesameClient.post("/api/v1/admin/approvals/" + id + "/collect", ci, null).statusCode()).as("once").isEqualTo(409);

        JsonObject byCiKey = Http.json(SesameClient.get("/api/v1/admin/audit/lifecycle?action=key.issued&actor=key:" + ciKeyId, boot));
        assertThat(byCiKey.getJsonArray("items").getValuesAs(JsonObject.class)).as("an actor matches whatever reason is recorded beside it")
                .anySatisfy(e -> assertThat(e.getString("actor")).contains("(approved by portal:ops"));

        // admin's key asks to widen the sender key: the CI key (second-admin's, whom admin made) may not approve it
        HttpResponse<String> widen = SesameClient.put("/api/v1/admin/keys/" + sender.getString("keyId") + "/policy", boot, Json.createObjectBuilder()
                .add("policy", SesameClient.policy("ses:SendEmail", "ses:GetAccount")).build());
        assertThat(widen.statusCode()).as(widen.body()).isEqualTo(202);
        long widenId = Http.json(widen).getJsonNumber("id").longValue();
        HttpResponse<String> aboutItself = SesameClient.post("/api/v1/admin/approvals/" + widenId + "/approve", ci, null);
        assertThat(aboutItself.statusCode()).isEqualTo(409);
        assertThat(aboutItself.body()).contains("four_eyes").contains("portal:admin created or elevated");
        assertThat(Http.json(SesameClient.get("/api/v1/admin/keys/" + sender.getString("keyId"), boot)).getInt("policyVersion"))
                .as("nothing applied").isEqualTo(1);
        assertThat(SesameClient.put("/api/v1/admin/keys/" + sender.getString("keyId") + "/policy", boot, Json.createObjectBuilder()
                .add("policy", SesameClient.policy("ses:SendEmail")).build()).statusCode()).as("an unchanged policy needs no second person").isEqualTo(200);
        HttpResponse<String> outdated = SesameClient.post("/api/v1/admin/approvals/" + widenId + "/approve", boot, null);
        assertThat(outdated.statusCode()).isEqualTo(409);
        assertThat(outdated.body()).as("the key changed since the request: approving it would undo that").contains("request_outdated");

        // a rotation hands its caller a new secret: free for the key's maker, a request for anyone else
        HttpResponse<String> rotateByOther = SesameClient.post("/api/v1/admin/keys/" + sender.getString("keyId") + "/rotate", boot,
                Json.createObjectBuilder().add("graceSeconds", 60).build());
        assertThat(rotateByOther.statusCode()).as(rotateByOther.body()).isEqualTo(202);
        assertThat(Http.json(rotateByOther).getString("kind")).isEqualTo("rotate-key");
        long rotationId = Http.json(rotateByOther).getJsonNumber("id").longValue();
        browser.click("[id='signout:logout']");
        signIn("ops", opsPassword());
        assertThat(approveInPortal(rotationId)).contains("approved");
        browser.click("[id='signout:logout']");
        signIn("admin", adminPassword());
        HttpResponse<String> rotatedByApproval = SesameClient.post("/api/v1/admin/approvals/" + rotationId + "/collect", boot, null);
        assertThat(rotatedByApproval.statusCode()).as(rotatedByApproval.body()).isEqualTo(201);
        assertThat(Http.json(rotatedByApproval).getString("rotatedFrom")).isEqualTo(sender.getString("keyId"));
        sender = Http.json(rotatedByApproval); // the key in force now; its maker is admin's key
        HttpResponse<String> rotateByMaker = SesameClient.post("/api/v1/admin/keys/" + sender.getString("keyId") + "/rotate", boot,
                Json.createObjectBuilder().add("graceSeconds", 60).build());
        assertThat(rotateByMaker.statusCode()).as(rotateByMaker.body()).isEqualTo(201);

        JsonObject events = Http.json(SesameClient.get("/api/v1/admin/audit/lifecycle?action=approvals.settings-changed", boot));
        assertThat(events.getJsonArray("items").getJsonObject(0).getString("detail")).as("the operator's setting is on record")
                .startsWith("issue-key,widen-policy,elevate-user");
    }

    @Test
    @Order(6)
    void a_review_shows_unused_permissions_and_records_the_decision() throws Exception {
        browser.open("/admin/reviews.xhtml");
        browser.type("[id='start:name']", "Quarterly review");
        browser.find("[id='start:application']").sendKeys(HOSTILE.substring(0, 8));
        browser.find("input[id^='start:reviewers'][value='admin']").click();
        browser.click("[id='start:go']");
        assertThat(browser.text("h1")).isEqualTo("Quarterly review");
        assertThat(browser.find("code.revoked").getText()).as("never called: unused").isEqualTo("ses:SendEmail");
        browser.click("input[value='Revoke']");
        assertThat(browser.text(".messages .error")).contains("comment");
        browser.find("input[id$=':comment']").sendKeys("still needed for order mails");
        browser.click("input[value='Keep']");
        assertThat(browser.text("[id='review:items']")).contains("keep").contains("still needed for order mails");
        browser.screenshot("09-review");
    }

    @Test
    @Order(7)
    void rotate_shows_the_new_key_once_and_revoke_asks_first_then_takes_effect() throws Exception {
        browser.open("/admin/key.xhtml?id=" + issuedKeyId);
        browser.click("[id='actions:rotate']");
        browser.type("[id='actions:grace']", "0");
        browser.click("[id='actions:confirm']");
        assertThat(browser.text(".messages .info")).as("admin did not make this key: its new secret needs a second person")
                .contains("waits for another admin's approval");
        // second-admin made it (they collected it): rotating it gives them nothing they do not hold
        browser.click("[id='signout:logout']");
        signIn("second-admin", secondPassword);
        browser.open("/admin/key.xhtml?id=" + issuedKeyId);
        browser.click("[id='actions:rotate']");
        assertThat(browser.text("[id='actions:confirm-panel']")).contains("Rotate this key?");
        browser.type("[id='actions:grace']", "0");
        browser.click("[id='actions:confirm']");
        String rotated = browser.text("#new-api-key");
        assertThat(rotated).startsWith("sesame_").isNotEqualTo(issuedKey);
        browser.screenshot("10-rotated");
        browser.click("#open-new-key");
        String rotatedId = browser.text("#key-id");
        assertThat(browser.driver.getPageSource()).doesNotContain(rotated);

        browser.click("[id='actions:revoke']");
        assertThat(browser.text("[id='actions:confirm-panel']")).contains("cannot be undone");
        browser.click("[id='actions:confirm']");
        assertThat(browser.text("#key-status")).isEqualTo("revoked");
        assertThat(browser.text(".messages .info")).contains("revoked");
        HttpResponse<String> refused = SesameClient.tokenRequest(Map.of("grant_type", "client_credentials", "client_secret", rotated));
        assertThat(refused.statusCode()).as("a revoked key gets no token").isEqualTo(401);
        assertThat(rotatedId).isNotEqualTo(issuedKeyId);
        browser.click("[id='signout:logout']");
        signIn("admin", adminPassword());
    }

    @Test
    @Order(8)
    void the_inventory_filters_and_renders_hostile_names_as_text() throws Exception {
        browser.open("/admin/keys.xhtml");
        browser.find("[id='filters:status']").sendKeys("All");
        browser.click("[id='filters:apply']");
        String table = browser.text("[id='keys']");
        assertThat(table).contains(HOSTILE).contains(issuedKeyId);
        assertThat(browser.driver.getPageSource()).contains("&lt;script&gt;alert").doesNotContain("<script>alert");
        try {
            browser.driver.switchTo().alert();
            throw new AssertionError("an injected script ran");
        } catch (NoAlertPresentException expected) {
            // escaped, and the CSP would have blocked it anyway
        }
        browser.screenshot("11-keys");
        browser.type("[id='filters:text']", "no such key at all");
        browser.click("[id='filters:apply']");
        assertThat(browser.text(".empty")).contains("No keys match");
    }

    @Test
    @Order(9)
    void the_audit_is_searchable_and_downloads_as_csv() throws Exception {
        // the first key was rotated out with no grace: presenting it now is reuse (revokes the family, raises an alert)
        SesameClient.tokenRequest(Map.of("grant_type", "client_credentials", "client_secret", issuedKey));
        browser.open("/admin/audit.xhtml");
        browser.type("[id='search:from']", "yesterday");
        browser.click("[id='search:go']");
        assertThat(browser.text(".messages .error")).startsWith("from:");
        browser.type("[id='search:from']", "");
        browser.click("[id='search:go']");
        browser.screenshot("12-audit");
        HttpResponse<String> csv = download(browser.find("#export-csv").getAttribute("href"));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
        assertThat(csv.body()).startsWith("id,occurredAt");
        assertThat(Http.get("/admin/audit/export.csv").statusCode()).as("not without a sign-in").isNotEqualTo(200);

        browser.open("/admin/timeline.xhtml?key=" + issuedKeyId);
        assertThat(browser.text("[id='entries']")).contains("key.issued").contains("review.decided").contains("key.rotated");
        browser.screenshot("13-timeline");
        HttpResponse<String> timelineCsv = download(browser.find("#timeline-csv").getAttribute("href"));
        assertThat(timelineCsv.body()).startsWith("time,type,event id").contains("key.issued");

        browser.open("/admin/reports.xhtml");
        browser.screenshot("14-reports");
        HttpResponse<byte[]> pdf = Http.sendBytes(HttpRequest.newBuilder(java.net.URI.create(browser.find("#report-pdf").getAttribute("href")))
                .header("Cookie", "JSESSIONID=" + browser.cookie("JSESSIONID")).GET());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        java.nio.file.Files.write(Browser.SCREENSHOTS.resolve("compliance-report.pdf"), pdf.body());
        HttpResponse<String> reportCsv = download(browser.find("#report-csv").getAttribute("href"));
        assertThat(reportCsv.body()).startsWith("Sesame compliance report").contains("# Keys").contains(issuedKeyId)
                .contains("# Access reviews").contains("still needed for order mails").contains("# Revocations");

        browser.open("/admin/alerts.xhtml");
        assertThat(browser.text("h1")).isEqualTo("Alerts");
        browser.screenshot("15-alerts");
        browser.open("/admin/index.xhtml");
        browser.screenshot("16-dashboard-after");
    }

    @Test
    @Order(10)
    void losing_a_role_or_being_disabled_ends_the_accounts_open_session_on_its_next_request() throws Exception {
        try (Browser other = new Browser()) {
            signIn(other, "second-admin", secondPassword);
            other.open("/admin/users.xhtml");
            assertThat(other.text("h1")).as("an admin's page").isEqualTo("Portal users");

            onUserRow("second-admin", "auditor");
            onUserRow("second-admin", "✓ admin");
            other.open("/admin/users.xhtml");
            assertThat(other.driver.getCurrentUrl()).as("the admin role is gone: so is the session").contains("/admin/login.xhtml")
                    .contains("ended=account");
            assertThat(other.text("[id='ended-account']")).contains("roles or password changed");

            signIn(other, "second-admin", secondPassword);
            assertThat(other.driver.getCurrentUrl()).contains("/admin/index.xhtml");
            other.open("/admin/users.xhtml");
            assertThat(other.driver.getPageSource()).as("signed in again, as an auditor").doesNotContain("Create user");

            onUserRow("second-admin", "admin");
            assertThat(browser.text(".messages .info")).as("elevate-user is gated in this run")
                    .contains("waits for another admin's approval");
            other.open("/admin/users.xhtml");
            assertThat(other.driver.getPageSource()).as("nothing applied: still an auditor").doesNotContain("Create user");

            onUserRow("second-admin", "Disable");
            other.open("/admin/keys.xhtml");
            assertThat(other.driver.getCurrentUrl()).as("disabled: the session ends at once").contains("/admin/login.xhtml");
        }
        JsonObject ended = Http.json(SesameClient.get("/api/v1/admin/audit/lifecycle?action=admin.session-ended&targetType=admin-user&targetId=second-admin",
                SesameClient.token(SesameClient.bootstrapKey())));
        assertThat(ended.getJsonArray("items")).as("each ended session is a lifecycle event").hasSize(2);
    }

    @Test
    @Order(11)
    void sign_out_ends_the_session() throws Exception {
        browser.click("[id='signout:logout']");
        assertThat(browser.driver.getCurrentUrl()).contains("/admin/login.xhtml");
        assertThat(browser.driver.findElement(By.cssSelector(".messages .info")).getText()).contains("signed out");
        browser.open("/admin/index.xhtml");
        assertThat(browser.driver.getCurrentUrl()).contains("/admin/login.xhtml");
    }

    @Test
    @Order(12)
    void five_wrong_passwords_lock_the_account_even_against_the_right_one() throws Exception {
        for (int i = 0; i < 5; i++) {
            signIn("wrong-" + i);
            assertThat(browser.text(".messages .error")).contains("Wrong user name or password");
        }
        signIn(adminPassword());
        assertThat(browser.driver.getCurrentUrl()).as("locked for a minute").contains("/admin/login.xhtml");
        assertThat(browser.text(".messages .error")).contains("locked");
    }
}
