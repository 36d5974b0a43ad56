package io.neoinfra.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoinfra.devstack.DevStack;
import io.neoinfra.devstack.oidc.BrowserClient;
import io.neoinfra.devstack.oidc.BrowserLogin;
import io.neoinfra.devstack.oidc.OidcUser;
import io.neoinfra.testsupport.GatewayClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A person logs in as Swagger UI makes them: the authorization-code flow with PKCE against the dev stack's issuer,
 * done step by step with a plain HTTP client (login page, login form, redirect with the code, token request with the
 * verifier), then calls the running gateway with the token, which knows them by name.
 */
class HumanLoginIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DevStack stack;
  private BrowserLogin browser;
  private String redirectUri;
  private final ListAppender<ILoggingEvent> auditLines = new ListAppender<>();
  private Logger audit;
  private Level auditLevel;

  @BeforeEach
  void start() {
    stack = E2EStack.shared().stack;
    browser = new BrowserLogin(stack.issuer(), BrowserClient.SWAGGER_UI);
    redirectUri = stack.settings().gatewayUrl() + "/swagger-ui/oauth2-redirect.html";
    assertThat(LoggerFactory.getILoggerFactory()).as("the SLF4J provider of this test JVM")
        .isInstanceOf(ch.qos.logback.classic.LoggerContext.class);
    audit = (Logger) LoggerFactory.getLogger("neo.audit");
    auditLevel = audit.getLevel();
    audit.setLevel(Level.INFO);
    auditLines.start();
    audit.addAppender(auditLines);
  }

  @AfterEach
  void stopListening() {
    audit.detachAppender(auditLines);
    audit.setLevel(auditLevel);
  }

  /** The whole flow as Swagger UI runs it: the access token of the person who typed their password. */
  private String logInAs(String username, String password) throws Exception {
    String verifier = BrowserLogin.newVerifier();
    Map<String, String> request = browser.authorizationRequest(redirectUri, "swagger-state", verifier);
    assertThat(browser.openLoginPage(request).statusCode()).isEqualTo(200);
    HttpResponse<String> login = browser.submitLogin(request, username, password);
    assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
    Map<String, String> redirect = BrowserLogin.query(login.headers().firstValue("Location").orElseThrow());
    assertThat(redirect).containsEntry("state", "swagger-state");
    HttpResponse<String> token = browser.redeem(redirect.get("code"), redirectUri, verifier);
    assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
    return JSON.readTree(token.body()).get("access_token").asText();
  }

  @Test
  void theGatewayKnowsAPersonLoggedInWithCodeAndPkce() throws Exception {
    String token = logInAs("operator", "operator-password");

    GatewayClient.Response profile = new GatewayClient(stack.settings().gatewayUrl(), () -> token)
        .get("/api/v1/auth/profile");

    assertThat(profile.status()).isEqualTo(200);
    assertThat(profile.body().path("username").asText()).isEqualTo("operator");
    assertThat(profile.body().path("subject").asText()).isEqualTo(subjectOf("operator"));
    assertThat(profile.body().path("client_id").asText()).isEqualTo(BrowserClient.SWAGGER_UI);
    assertThat(profile.body().path("permissions").toString()).contains("migrations:execute")
        .doesNotContain("infrastructure:admin");
  }

  @Test
  void theAuditLineNamesThePerson() throws Exception {
    String token = logInAs("reader", "reader-password");

    // a state-changing call the reader may not make: audited (outcome forbidden) and changes nothing
    GatewayClient.Response refused = new GatewayClient(stack.settings().gatewayUrl(), () -> token)
        .post("/api/v1/migrations/dynamic", "{\"scope\":\"TENANT\",\"dry_run\":true}");

    assertThat(refused.status()).isEqualTo(403);
    String expected = "who=reader sub=" + subjectOf("reader") + " client=" + BrowserClient.SWAGGER_UI
        + " action=\"POST /api/v1/migrations/dynamic\"";
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(auditLines.list)
        .map(ILoggingEvent::getFormattedMessage).anySatisfy(line -> assertThat(line).contains(expected)
            .contains("outcome=forbidden")));
  }

  @Test
  void aTokenRedeemedWithAWrongVerifierIsNeverIssued() throws Exception {
    Map<String, String> request = browser.authorizationRequest(redirectUri, "s", BrowserLogin.newVerifier());
    HttpResponse<String> login = browser.submitLogin(request, "operator", "operator-password");
    String code = BrowserLogin.query(login.headers().firstValue("Location").orElseThrow()).get("code");

    HttpResponse<String> token = browser.redeem(code, redirectUri, BrowserLogin.newVerifier());

    assertThat(token.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(token.body()).get("error").asText()).isEqualTo("invalid_grant");
  }

  @Test
  void aRedirectUriTheIssuerDoesNotKnowGetsNoCode() throws Exception {
    String elsewhere = stack.settings().gatewayManagementUrl() + "/swagger-ui/oauth2-redirect.html";
    Map<String, String> request = browser.authorizationRequest(elsewhere, "s", BrowserLogin.newVerifier());

    HttpResponse<String> login = browser.submitLogin(request, "operator", "operator-password");

    assertThat(login.statusCode()).isEqualTo(400);
    assertThat(login.headers().firstValue("Location")).isEmpty();
  }

  private static String subjectOf(String username) {
    return OidcUser.demoUsers().stream().filter(u -> u.username().equals(username)).findFirst().orElseThrow()
        .subject();
  }
}
