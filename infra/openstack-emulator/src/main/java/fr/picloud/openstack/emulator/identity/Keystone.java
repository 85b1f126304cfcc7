package fr.picloud.openstack.emulator.identity;

import static fr.picloud.openstack.emulator.http.Json.text;

import fr.picloud.openstack.emulator.EmulatedService;
import fr.picloud.openstack.emulator.Inventory;
import fr.picloud.openstack.emulator.http.ApiError;
import fr.picloud.openstack.emulator.http.ApiRequest;
import fr.picloud.openstack.emulator.http.ApiResponse;
import fr.picloud.openstack.emulator.http.ErrorStyle;
import fr.picloud.openstack.emulator.http.Json;
import fr.picloud.openstack.emulator.http.Router;
import fr.picloud.openstack.emulator.identity.IdentityRecords.ApplicationCredential;
import fr.picloud.openstack.emulator.identity.IdentityRecords.Assignment;
import fr.picloud.openstack.emulator.identity.IdentityRecords.Domain;
import fr.picloud.openstack.emulator.identity.IdentityRecords.Project;
import fr.picloud.openstack.emulator.identity.IdentityRecords.Role;
import fr.picloud.openstack.emulator.identity.IdentityRecords.Token;
import fr.picloud.openstack.emulator.identity.IdentityRecords.User;
import fr.picloud.openstack.emulator.state.CloudState;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keystone v3: password, token and application-credential authentication scoped to a project, token
 * validation, and the domains, projects, users, roles and role assignments PI Cloud manages as admin.
 */
public final class Keystone implements EmulatedService {

    /** A service of the catalogue; "%(project_id)s" in the path is replaced as Cinder's endpoint expects. */
    public record CatalogEntry(String type, String name, String path) {}

    public static final String DEFAULT_DOMAIN_ID = "default";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(12);
    private static final ErrorStyle ERRORS = ErrorStyle.KEYSTONE;

    private final Clock clock;
    private final String region;
    private final String adminPassword;
    private final String demoPassword;
    private final List<CatalogEntry> catalog;
    private final SecureRandom random = new SecureRandom();
    private final Router router = new Router();

    private final Map<String, Domain> domains;
    private final Map<String, Project> projects;
    private final Map<String, User> users;
    private final Map<String, Role> roles;
    private final Set<Assignment> assignments;
    private final Map<String, ApplicationCredential> applicationCredentials;
    // tokens survive a reset on purpose: they stay valid while their user and project exist (and,
    // as Fernet tokens survive a Keystone restart, a restart of a durable emulator)
    private final Map<String, Token> tokens;

    public Keystone(
            Clock clock,
            String region,
            String adminPassword,
            String demoPassword,
            List<CatalogEntry> catalog,
            CloudState state) {
        this.clock = clock;
        this.region = region;
        this.adminPassword = adminPassword;
        this.demoPassword = demoPassword;
        this.catalog = List.copyOf(catalog);
        this.domains = state.table("identity.domains", String.class, Domain.class);
        this.projects = state.table("identity.projects", String.class, Project.class);
        this.users = state.table("identity.users", String.class, User.class);
        this.roles = state.table("identity.roles", String.class, Role.class);
        this.assignments = state.set("identity.assignments", Assignment.class);
        this.applicationCredentials =
                state.table("identity.application-credentials", String.class, ApplicationCredential.class);
        this.tokens = state.table("identity.tokens", String.class, Token.class);
        routes();
        reset();
    }

    @Override
    public String type() {
        return "identity";
    }

    @Override
    public String prefix() {
        return "";
    }

    @Override
    public ErrorStyle errors() {
        return ERRORS;
    }

    @Override
    public ApiResponse handle(ApiRequest request, String relativePath) {
        return router.dispatch(request, relativePath, ERRORS);
    }

    /** Seeds the Default domain, the admin, member and reader roles, and the admin and demo projects. */
    @Override
    public void reset() {
        domains.clear();
        projects.clear();
        users.clear();
        roles.clear();
        assignments.clear();
        applicationCredentials.clear();
        domains.put(DEFAULT_DOMAIN_ID, new Domain(DEFAULT_DOMAIN_ID, "Default", "The default domain", true));
        for (String role : List.of("admin", "member", "reader", "service")) {
            roles.put(seededId("role", role), new Role(seededId("role", role), role, null));
        }
        seedProjectWithUser("admin", adminPassword, "admin");
        seedProjectWithUser("demo", demoPassword, "member");
        seedProjectWithUser("service", null, null);
    }

    @Override
    public void describe(Inventory inventory) {
        // identity objects are not cloud resources: the orphan count is about servers, networks, volumes
    }

    public String adminProjectId() {
        return seededId("project", "admin");
    }

    /** The caller of a service API, from its X-Auth-Token; 401 when missing, unknown, expired or unscoped. */
    public AuthContext authenticate(ApiRequest request) {
        String tokenId = request.header("X-Auth-Token").orElseThrow(ApiError::unauthorized);
        Token token = liveToken(tokenId).orElseThrow(ApiError::unauthorized);
        if (token.projectId() == null) {
            throw ApiError.unauthorized();
        }
        return context(token);
    }

    public Optional<String> projectName(String projectId) {
        return Optional.ofNullable(projects.get(projectId)).map(Project::name);
    }

    public boolean projectExists(String projectId) {
        return projects.containsKey(projectId);
    }

    private void seedProjectWithUser(String name, String password, String role) {
        String projectId = seededId("project", name);
        projects.put(projectId, new Project(projectId, name, DEFAULT_DOMAIN_ID, "Seeded by the emulator", true));
        if (password != null) {
            String userId = seededId("user", name);
            users.put(userId, new User(userId, name, DEFAULT_DOMAIN_ID, password, true, projectId, null));
            assignments.add(new Assignment(userId, projectId, seededId("role", role)));
        }
    }

    /** Stable ids for seeded objects, so tokens issued before a reset still resolve after it. */
    private static String seededId(String kind, String name) {
        return UUID.nameUUIDFromBytes((kind + ":" + name).getBytes(StandardCharsets.UTF_8))
                .toString()
                .replace("-", "");
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private void routes() {
        router.get("/", this::versions)
                .get("/v3", this::version)
                .post("/v3/auth/tokens", this::issueToken)
                .get("/v3/auth/tokens", this::validateToken)
                .delete("/v3/auth/tokens", this::revokeToken)
                .get("/v3/auth/projects", this::listOwnProjects)
                .get("/v3/auth/catalog", this::showCatalog)
                .get("/v3/domains", this::listDomains)
                .post("/v3/domains", this::createDomain)
                .get("/v3/domains/{id}", this::showDomain)
                .get("/v3/projects", this::listProjects)
                .post("/v3/projects", this::createProject)
                .get("/v3/projects/{id}", this::showProject)
                .patch("/v3/projects/{id}", this::updateProject)
                .delete("/v3/projects/{id}", this::deleteProject)
                .get("/v3/users", this::listUsers)
                .post("/v3/users", this::createUser)
                .get("/v3/users/{id}", this::showUser)
                .patch("/v3/users/{id}", this::updateUser)
                .delete("/v3/users/{id}", this::deleteUser)
                .get("/v3/users/{id}/projects", this::listUserProjects)
                .get("/v3/roles", this::listRoles)
                .post("/v3/roles", this::createRole)
                .get("/v3/roles/{id}", this::showRole)
                .delete("/v3/roles/{id}", this::deleteRole)
                .get("/v3/projects/{project}/users/{user}/roles", this::listGrants)
                .put("/v3/projects/{project}/users/{user}/roles/{role}", this::grant)
                .get("/v3/projects/{project}/users/{user}/roles/{role}", this::checkGrant)
                .delete("/v3/projects/{project}/users/{user}/roles/{role}", this::revoke)
                .get("/v3/role_assignments", this::listAssignments)
                .get("/v3/users/{user}/application_credentials", this::listApplicationCredentials)
                .post("/v3/users/{user}/application_credentials", this::createApplicationCredential)
                .get("/v3/users/{user}/application_credentials/{id}", this::showApplicationCredential)
                .delete("/v3/users/{user}/application_credentials/{id}", this::deleteApplicationCredential);
    }

    // ---- version discovery (keystoneauth reads it before authenticating) ----

    private ObjectNode versionDocument(ApiRequest request) {
        ObjectNode version =
                Json.object().put("id", "v3.14").put("status", "stable").put("updated", "2020-04-07T00:00:00Z");
        version.putArray("links").add(Json.object().put("rel", "self").put("href", request.baseUrl() + "/v3/"));
        version.putArray("media-types")
                .add(Json.object()
                        .put("base", "application/json")
                        .put("type", "application/vnd.openstack.identity-v3+json"));
        return version;
    }

    private ApiResponse versions(ApiRequest request) {
        ObjectNode values = Json.object();
        values.putArray("values").add(versionDocument(request));
        return ApiResponse.json(300, Json.wrap("versions", values));
    }

    private ApiResponse version(ApiRequest request) {
        return ApiResponse.ok(Json.wrap("version", versionDocument(request)));
    }

    // ---- tokens ----

    private ApiResponse issueToken(ApiRequest request) {
        JsonNode auth = request.resource(ERRORS, "auth");
        JsonNode identity = auth.path("identity");
        List<String> methods = Json.textList(identity, "methods");
        if (methods.isEmpty()) {
            throw ERRORS.badRequest("Invalid input for field 'identity': 'methods' is a required property");
        }
        Token token = switch (methods.getFirst()) {
            case "password" -> passwordToken(identity.path("password").path("user"), auth.get("scope"));
            case "token" -> rescopedToken(identity.path("token"), auth.get("scope"));
            case "application_credential" ->
                applicationCredentialToken(identity.path("application_credential"), auth.get("scope"));
            default -> throw ApiError.unauthorized();
        };
        tokens.put(token.id(), token);
        return ApiResponse.created(Json.wrap("token", tokenBody(token, request)))
                .withHeader("X-Subject-Token", token.id());
    }

    private Token passwordToken(JsonNode userRef, JsonNode scope) {
        User user = findUserByReference(userRef).orElseThrow(ApiError::unauthorized);
        if (!user.enabled() || user.password() == null || !user.password().equals(text(userRef, "password"))) {
            throw ApiError.unauthorized();
        }
        return scopedToken(user, scope, List.of("password"), null);
    }

    private Token rescopedToken(JsonNode tokenRef, JsonNode scope) {
        Token original = liveToken(text(tokenRef, "id")).orElseThrow(ApiError::unauthorized);
        User user = users.get(original.userId());
        return scopedToken(user, scope, List.of("token"), null);
    }

    private Token applicationCredentialToken(JsonNode credentialRef, JsonNode scope) {
        if (scope != null && !scope.isNull()) {
            // Keystone refuses a scope here: the credential is bound to the project it was created in
            throw ApiError.unauthorized();
        }
        String id = text(credentialRef, "id");
        Optional<ApplicationCredential> found = id != null
                ? Optional.ofNullable(applicationCredentials.get(id))
                : findUserByReference(credentialRef.path("user"))
                        .flatMap(user -> applicationCredentials.values().stream()
                                .filter(c -> c.userId().equals(user.id()))
                                .filter(c -> c.name().equals(text(credentialRef, "name")))
                                .findFirst());
        ApplicationCredential credential = found.filter(c -> c.secret().equals(text(credentialRef, "secret")))
                .filter(c -> c.expiresAt() == null || c.expiresAt().isAfter(clock.instant()))
                .orElseThrow(ApiError::unauthorized);
        User user = users.get(credential.userId());
        if (user == null || !user.enabled() || !projects.containsKey(credential.projectId())) {
            throw ApiError.unauthorized();
        }
        return newToken(
                user.id(),
                credential.projectId(),
                credential.roleIds(),
                List.of("application_credential"),
                credential.id());
    }

    private Token scopedToken(User user, JsonNode scope, List<String> methods, String credentialId) {
        Project project = scope == null || scope.isNull() ? defaultProject(user) : scopedProject(scope);
        if (project == null) {
            return newToken(user.id(), null, List.of(), methods, credentialId);
        }
        List<String> roleIds = rolesOn(user.id(), project.id());
        if (roleIds.isEmpty() || !project.enabled()) {
            throw ApiError.unauthorized();
        }
        return newToken(user.id(), project.id(), roleIds, methods, credentialId);
    }

    private Project defaultProject(User user) {
        Project project = user.defaultProjectId() == null ? null : projects.get(user.defaultProjectId());
        return project != null && !rolesOn(user.id(), project.id()).isEmpty() ? project : null;
    }

    private Project scopedProject(JsonNode scope) {
        JsonNode projectRef = scope.get("project");
        if (projectRef == null) {
            throw ERRORS.badRequest("The emulator only issues project-scoped tokens.");
        }
        String id = text(projectRef, "id");
        if (id != null) {
            return Optional.ofNullable(projects.get(id)).orElseThrow(ApiError::unauthorized);
        }
        String domainId = domainIdOf(projectRef.path("domain"));
        return projects.values().stream()
                .filter(p -> p.name().equals(text(projectRef, "name"))
                        && p.domainId().equals(domainId))
                .findFirst()
                .orElseThrow(ApiError::unauthorized);
    }

    private Token newToken(
            String userId, String projectId, List<String> roleIds, List<String> methods, String credentialId) {
        Instant now = clock.instant();
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String id = "gAAAAA" + HexFormat.of().formatHex(bytes);
        return new Token(
                id,
                userId,
                projectId,
                List.copyOf(roleIds),
                methods,
                now,
                now.plus(TOKEN_LIFETIME),
                newId().substring(0, 22),
                credentialId);
    }

    private Optional<User> findUserByReference(JsonNode userRef) {
        String id = text(userRef, "id");
        if (id != null) {
            return Optional.ofNullable(users.get(id));
        }
        String name = text(userRef, "name");
        String domainId = domainIdOf(userRef.path("domain"));
        return users.values().stream()
                .filter(u -> u.name().equals(name) && u.domainId().equals(domainId))
                .findFirst();
    }

    private String domainIdOf(JsonNode domainRef) {
        String id = text(domainRef, "id");
        if (id != null) {
            return id;
        }
        String name = text(domainRef, "name");
        return domains.values().stream()
                .filter(d -> d.name().equals(name))
                .map(Domain::id)
                .findFirst()
                .orElse(DEFAULT_DOMAIN_ID);
    }

    /** A token is live while it has not expired and its user (and project, when scoped) still exist. */
    private Optional<Token> liveToken(String tokenId) {
        Token token = tokenId == null ? null : tokens.get(tokenId);
        if (token == null
                || token.expiresAt().isBefore(clock.instant())
                || !users.containsKey(token.userId())
                || (token.projectId() != null && !projects.containsKey(token.projectId()))
                || (token.applicationCredentialId() != null
                        && !applicationCredentials.containsKey(token.applicationCredentialId()))) {
            return Optional.empty();
        }
        return Optional.of(token);
    }

    private AuthContext context(Token token) {
        User user = users.get(token.userId());
        Project project = token.projectId() == null ? null : projects.get(token.projectId());
        List<String> roleNames = token.roleIds().stream()
                .map(roles::get)
                .filter(Objects::nonNull)
                .map(Role::name)
                .toList();
        return new AuthContext(
                token.id(),
                user.id(),
                user.name(),
                token.projectId(),
                project == null ? null : project.name(),
                roleNames);
    }

    private ApiResponse validateToken(ApiRequest request) {
        authenticateAny(request);
        String subject = request.header("X-Subject-Token").orElseThrow(() -> ERRORS.notFound("Could not find token."));
        Token token = liveToken(subject).orElseThrow(() -> ERRORS.notFound("Could not find token: " + subject + "."));
        return ApiResponse.ok(Json.wrap("token", tokenBody(token, request))).withHeader("X-Subject-Token", subject);
    }

    private ApiResponse revokeToken(ApiRequest request) {
        authenticateAny(request);
        String subject = request.header("X-Subject-Token").orElseThrow(() -> ERRORS.notFound("Could not find token."));
        if (tokens.remove(subject) == null) {
            throw ERRORS.notFound("Could not find token: " + subject + ".");
        }
        return ApiResponse.noContent();
    }

    /** Identity calls accept unscoped tokens too (listing one's projects needs no scope). */
    private Token authenticateAny(ApiRequest request) {
        return request.header("X-Auth-Token").flatMap(this::liveToken).orElseThrow(ApiError::unauthorized);
    }

    private ObjectNode tokenBody(Token token, ApiRequest request) {
        User user = users.get(token.userId());
        ObjectNode body = Json.object();
        body.set("methods", Json.strings(token.methods()));
        ObjectNode userNode = body.putObject("user");
        userNode.set("domain", domainRef(user.domainId()));
        userNode.put("id", user.id()).put("name", user.name()).putNull("password_expires_at");
        body.set("audit_ids", Json.strings(List.of(token.auditId())));
        body.put("expires_at", Json.micros(token.expiresAt()));
        body.put("issued_at", Json.micros(token.issuedAt()));
        if (token.projectId() != null) {
            Project project = projects.get(token.projectId());
            ObjectNode projectNode = body.putObject("project");
            projectNode.set("domain", domainRef(project.domainId()));
            projectNode.put("id", project.id()).put("name", project.name());
            body.put("is_domain", false);
            ArrayNode roleNodes = body.putArray("roles");
            token.roleIds().stream()
                    .map(roles::get)
                    .filter(Objects::nonNull)
                    .forEach(role ->
                            roleNodes.add(Json.object().put("id", role.id()).put("name", role.name())));
            body.set("catalog", catalogBody(request, project.id()));
        }
        if (token.applicationCredentialId() != null) {
            ApplicationCredential credential = applicationCredentials.get(token.applicationCredentialId());
            body.putObject("application_credential")
                    .put("id", credential.id())
                    .put("name", credential.name())
                    .put("restricted", !credential.unrestricted());
        }
        return body;
    }

    private ObjectNode domainRef(String domainId) {
        Domain domain = domains.get(domainId);
        return Json.object().put("id", domainId).put("name", domain == null ? domainId : domain.name());
    }

    private ArrayNode catalogBody(ApiRequest request, String projectId) {
        ArrayNode services = Json.array();
        for (CatalogEntry entry : catalog) {
            String url = request.baseUrl() + entry.path().replace("%(project_id)s", projectId);
            ObjectNode service = services.addObject();
            ArrayNode endpoints = service.putArray("endpoints");
            for (String face : List.of("public", "internal", "admin")) {
                endpoints
                        .addObject()
                        .put("id", seededId("endpoint", entry.name() + face))
                        .put("interface", face)
                        .put("region_id", region)
                        .put("region", region)
                        .put("url", url);
            }
            service.put("id", seededId("service", entry.name()))
                    .put("type", entry.type())
                    .put("name", entry.name());
        }
        return services;
    }

    private ApiResponse showCatalog(ApiRequest request) {
        Token token = authenticateAny(request);
        ArrayNode body = token.projectId() == null ? Json.array() : catalogBody(request, token.projectId());
        return ApiResponse.ok(Json.wrap("catalog", body));
    }

    // ---- authorization ----

    private AuthContext requireAdmin(ApiRequest request, String action) {
        Token token = authenticateAny(request);
        AuthContext caller = context(token);
        if (!caller.isAdmin()) {
            throw forbidden(action);
        }
        return caller;
    }

    private static ApiError forbidden(String action) {
        return ApiError.keystone(
                403, "Forbidden", "You are not authorized to perform the requested action: identity:" + action + ".");
    }

    private static ApiError conflict(String kind, String detail) {
        return ApiError.keystone(409, "Conflict", "Conflict occurred attempting to store " + kind + " - " + detail);
    }

    private List<String> rolesOn(String userId, String projectId) {
        return assignments.stream()
                .filter(a -> a.userId().equals(userId) && a.projectId().equals(projectId))
                .map(Assignment::roleId)
                .toList();
    }

    private static ObjectNode listOf(String key, ArrayNode items, ApiRequest request) {
        ObjectNode body = Json.wrap(key, items);
        body.putObject("links")
                .put("self", request.baseUrl() + request.path())
                .putNull("previous")
                .putNull("next");
        return body;
    }

    private static ObjectNode links(ApiRequest request, String path) {
        return Json.object().put("self", request.baseUrl() + path);
    }

    private static <T> Predicate<T> matchesQuery(
            ApiRequest request, String param, java.util.function.Function<T, String> field) {
        return item -> request.queryParam(param)
                .map(value -> value.equals(field.apply(item)))
                .orElse(true);
    }

    // ---- domains ----

    private ObjectNode domainBody(Domain domain, ApiRequest request) {
        ObjectNode node = Json.object()
                .put("id", domain.id())
                .put("name", domain.name())
                .put("description", domain.description())
                .put("enabled", domain.enabled());
        node.putArray("tags");
        node.putObject("options");
        node.set("links", links(request, "/v3/domains/" + domain.id()));
        return node;
    }

    private ApiResponse listDomains(ApiRequest request) {
        authenticateAny(request);
        List<Domain> found = domains.values().stream()
                .filter(matchesQuery(request, "name", Domain::name))
                .toList();
        return ApiResponse.ok(listOf("domains", Json.arrayOf(found, d -> domainBody(d, request)), request));
    }

    private ApiResponse createDomain(ApiRequest request) {
        requireAdmin(request, "create_domain");
        JsonNode body = request.resource(ERRORS, "domain");
        String name = required(body, "name");
        if (domains.values().stream().anyMatch(d -> d.name().equals(name))) {
            throw conflict("domain", "Duplicate entry found with name " + name + ".");
        }
        Domain domain = new Domain(
                newId(), name, text(body, "description"), body.path("enabled").asBoolean(true));
        domains.put(domain.id(), domain);
        return ApiResponse.created(Json.wrap("domain", domainBody(domain, request)));
    }

    private ApiResponse showDomain(ApiRequest request) {
        authenticateAny(request);
        Domain domain = Optional.ofNullable(domains.get(request.param("id")))
                .orElseThrow(() -> ERRORS.notFound("Could not find domain: " + request.param("id") + "."));
        return ApiResponse.ok(Json.wrap("domain", domainBody(domain, request)));
    }

    // ---- projects ----

    private ObjectNode projectBody(Project project, ApiRequest request) {
        ObjectNode node = Json.object()
                .put("id", project.id())
                .put("name", project.name())
                .put("domain_id", project.domainId())
                .put("description", project.description())
                .put("enabled", project.enabled())
                .put("parent_id", project.domainId())
                .put("is_domain", false);
        node.putArray("tags");
        node.putObject("options");
        node.set("links", links(request, "/v3/projects/" + project.id()));
        return node;
    }

    private Project project(String id) {
        return Optional.ofNullable(projects.get(id))
                .orElseThrow(() -> ERRORS.notFound("Could not find project: " + id + "."));
    }

    private ApiResponse listProjects(ApiRequest request) {
        requireAdmin(request, "list_projects");
        List<Project> found = projects.values().stream()
                .filter(matchesQuery(request, "name", Project::name))
                .filter(matchesQuery(request, "domain_id", Project::domainId))
                .toList();
        return ApiResponse.ok(listOf("projects", Json.arrayOf(found, p -> projectBody(p, request)), request));
    }

    private ApiResponse createProject(ApiRequest request) {
        requireAdmin(request, "create_project");
        JsonNode body = request.resource(ERRORS, "project");
        String name = required(body, "name");
        String domainId = Optional.ofNullable(text(body, "domain_id")).orElse(DEFAULT_DOMAIN_ID);
        if (!domains.containsKey(domainId)) {
            throw ERRORS.notFound("Could not find domain: " + domainId + ".");
        }
        if (projects.values().stream()
                .anyMatch(p -> p.name().equals(name) && p.domainId().equals(domainId))) {
            throw conflict(
                    "project",
                    "it is not permitted to have two projects with the same name in the same domain : " + name + ".");
        }
        Project project = new Project(
                newId(),
                name,
                domainId,
                text(body, "description"),
                body.path("enabled").asBoolean(true));
        projects.put(project.id(), project);
        return ApiResponse.created(Json.wrap("project", projectBody(project, request)));
    }

    private ApiResponse showProject(ApiRequest request) {
        AuthContext caller = context(authenticateAny(request));
        String id = request.param("id");
        if (!caller.isAdmin() && !id.equals(caller.projectId())) {
            throw forbidden("get_project");
        }
        return ApiResponse.ok(Json.wrap("project", projectBody(project(id), request)));
    }

    private ApiResponse updateProject(ApiRequest request) {
        requireAdmin(request, "update_project");
        Project project = project(request.param("id"));
        JsonNode body = request.resource(ERRORS, "project");
        Project updated = project.withChanges(
                Optional.ofNullable(text(body, "name")).orElse(project.name()),
                body.has("description") ? text(body, "description") : project.description(),
                body.path("enabled").asBoolean(project.enabled()));
        projects.put(updated.id(), updated);
        return ApiResponse.ok(Json.wrap("project", projectBody(updated, request)));
    }

    private ApiResponse deleteProject(ApiRequest request) {
        requireAdmin(request, "delete_project");
        Project project = project(request.param("id"));
        projects.remove(project.id());
        assignments.removeIf(a -> a.projectId().equals(project.id()));
        applicationCredentials.values().removeIf(c -> c.projectId().equals(project.id()));
        return ApiResponse.noContent();
    }

    // ---- users ----

    private ObjectNode userBody(User user, ApiRequest request) {
        ObjectNode node = Json.object()
                .put("id", user.id())
                .put("name", user.name())
                .put("domain_id", user.domainId())
                .put("enabled", user.enabled())
                .putNull("password_expires_at");
        if (user.defaultProjectId() != null) {
            node.put("default_project_id", user.defaultProjectId());
        }
        if (user.email() != null) {
            node.put("email", user.email());
        }
        node.putObject("options");
        node.set("links", links(request, "/v3/users/" + user.id()));
        return node;
    }

    private User user(String id) {
        return Optional.ofNullable(users.get(id))
                .orElseThrow(() -> ERRORS.notFound("Could not find user: " + id + "."));
    }

    private ApiResponse listUsers(ApiRequest request) {
        requireAdmin(request, "list_users");
        List<User> found = users.values().stream()
                .filter(matchesQuery(request, "name", User::name))
                .filter(matchesQuery(request, "domain_id", User::domainId))
                .toList();
        return ApiResponse.ok(listOf("users", Json.arrayOf(found, u -> userBody(u, request)), request));
    }

    private ApiResponse createUser(ApiRequest request) {
        requireAdmin(request, "create_user");
        JsonNode body = request.resource(ERRORS, "user");
        String name = required(body, "name");
        String domainId = Optional.ofNullable(text(body, "domain_id")).orElse(DEFAULT_DOMAIN_ID);
        if (users.values().stream()
                .anyMatch(u -> u.name().equals(name) && u.domainId().equals(domainId))) {
            throw conflict("user", "Duplicate entry found with name " + name + " at domain ID " + domainId + ".");
        }
        User user = new User(
                newId(),
                name,
                domainId,
                text(body, "password"),
                body.path("enabled").asBoolean(true),
                text(body, "default_project_id"),
                text(body, "email"));
        users.put(user.id(), user);
        return ApiResponse.created(Json.wrap("user", userBody(user, request)));
    }

    private ApiResponse showUser(ApiRequest request) {
        AuthContext caller = context(authenticateAny(request));
        String id = request.param("id");
        if (!caller.isAdmin() && !id.equals(caller.userId())) {
            throw forbidden("get_user");
        }
        return ApiResponse.ok(Json.wrap("user", userBody(user(id), request)));
    }

    private ApiResponse updateUser(ApiRequest request) {
        requireAdmin(request, "update_user");
        User user = user(request.param("id"));
        JsonNode body = request.resource(ERRORS, "user");
        User updated = user.withChanges(
                Optional.ofNullable(text(body, "name")).orElse(user.name()),
                Optional.ofNullable(text(body, "password")).orElse(user.password()),
                body.path("enabled").asBoolean(user.enabled()),
                body.has("default_project_id") ? text(body, "default_project_id") : user.defaultProjectId());
        users.put(updated.id(), updated);
        return ApiResponse.ok(Json.wrap("user", userBody(updated, request)));
    }

    private ApiResponse deleteUser(ApiRequest request) {
        requireAdmin(request, "delete_user");
        User user = user(request.param("id"));
        users.remove(user.id());
        assignments.removeIf(a -> a.userId().equals(user.id()));
        applicationCredentials.values().removeIf(c -> c.userId().equals(user.id()));
        return ApiResponse.noContent();
    }

    private ApiResponse listUserProjects(ApiRequest request) {
        AuthContext caller = context(authenticateAny(request));
        String userId = request.param("id");
        if (!caller.isAdmin() && !userId.equals(caller.userId())) {
            throw forbidden("list_user_projects");
        }
        user(userId);
        return ApiResponse.ok(listOf("projects", projectsOf(userId, request), request));
    }

    private ApiResponse listOwnProjects(ApiRequest request) {
        Token token = authenticateAny(request);
        return ApiResponse.ok(listOf("projects", projectsOf(token.userId(), request), request));
    }

    private ArrayNode projectsOf(String userId, ApiRequest request) {
        List<Project> found = assignments.stream()
                .filter(a -> a.userId().equals(userId))
                .map(Assignment::projectId)
                .distinct()
                .map(projects::get)
                .filter(Objects::nonNull)
                .toList();
        return Json.arrayOf(found, p -> projectBody(p, request));
    }

    // ---- roles and assignments ----

    private ObjectNode roleBody(Role role, ApiRequest request) {
        ObjectNode node =
                Json.object().put("id", role.id()).put("name", role.name()).putNull("domain_id");
        if (role.description() != null) {
            node.put("description", role.description());
        }
        node.putObject("options");
        node.set("links", links(request, "/v3/roles/" + role.id()));
        return node;
    }

    private Role role(String id) {
        return Optional.ofNullable(roles.get(id))
                .orElseThrow(() -> ERRORS.notFound("Could not find role: " + id + "."));
    }

    private ApiResponse listRoles(ApiRequest request) {
        authenticateAny(request);
        List<Role> found = roles.values().stream()
                .filter(matchesQuery(request, "name", Role::name))
                .toList();
        return ApiResponse.ok(listOf("roles", Json.arrayOf(found, r -> roleBody(r, request)), request));
    }

    private ApiResponse createRole(ApiRequest request) {
        requireAdmin(request, "create_role");
        JsonNode body = request.resource(ERRORS, "role");
        String name = required(body, "name");
        if (roles.values().stream().anyMatch(r -> r.name().equalsIgnoreCase(name))) {
            throw conflict("role", "Duplicate entry found with name " + name + ".");
        }
        Role role = new Role(newId(), name, text(body, "description"));
        roles.put(role.id(), role);
        return ApiResponse.created(Json.wrap("role", roleBody(role, request)));
    }

    private ApiResponse showRole(ApiRequest request) {
        authenticateAny(request);
        return ApiResponse.ok(Json.wrap("role", roleBody(role(request.param("id")), request)));
    }

    private ApiResponse deleteRole(ApiRequest request) {
        requireAdmin(request, "delete_role");
        Role role = role(request.param("id"));
        roles.remove(role.id());
        assignments.removeIf(a -> a.roleId().equals(role.id()));
        return ApiResponse.noContent();
    }

    private Assignment assignmentFrom(ApiRequest request) {
        Project project = project(request.param("project"));
        User user = user(request.param("user"));
        Role role = role(request.param("role"));
        return new Assignment(user.id(), project.id(), role.id());
    }

    private ApiResponse listGrants(ApiRequest request) {
        requireAdmin(request, "list_grants");
        Project project = project(request.param("project"));
        User user = user(request.param("user"));
        List<Role> granted =
                rolesOn(user.id(), project.id()).stream().map(roles::get).toList();
        return ApiResponse.ok(listOf("roles", Json.arrayOf(granted, r -> roleBody(r, request)), request));
    }

    private ApiResponse grant(ApiRequest request) {
        requireAdmin(request, "create_grant");
        assignments.add(assignmentFrom(request));
        return ApiResponse.noContent();
    }

    private ApiResponse checkGrant(ApiRequest request) {
        requireAdmin(request, "check_grant");
        Assignment assignment = assignmentFrom(request);
        if (!assignments.contains(assignment)) {
            throw ERRORS.notFound(
                    "Could not find role assignment with role: " + assignment.roleId() + ", user or group: "
                            + assignment.userId() + ", project, domain, or system: " + assignment.projectId() + ".");
        }
        return ApiResponse.noContent();
    }

    private ApiResponse revoke(ApiRequest request) {
        requireAdmin(request, "revoke_grant");
        Assignment assignment = assignmentFrom(request);
        if (!assignments.remove(assignment)) {
            throw ERRORS.notFound(
                    "Could not find role assignment with role: " + assignment.roleId() + ", user or group: "
                            + assignment.userId() + ", project, domain, or system: " + assignment.projectId() + ".");
        }
        return ApiResponse.noContent();
    }

    private ApiResponse listAssignments(ApiRequest request) {
        AuthContext caller = context(authenticateAny(request));
        List<Assignment> found = assignments.stream()
                .filter(matchesQuery(request, "user.id", Assignment::userId))
                .filter(matchesQuery(request, "scope.project.id", Assignment::projectId))
                .filter(matchesQuery(request, "role.id", Assignment::roleId))
                .filter(a -> caller.isAdmin() || a.userId().equals(caller.userId()))
                .toList();
        ArrayNode items = Json.arrayOf(found, a -> {
            ObjectNode node = Json.object();
            node.putObject("role").put("id", a.roleId());
            node.putObject("user").put("id", a.userId());
            node.putObject("scope").putObject("project").put("id", a.projectId());
            node.putObject("links")
                    .put(
                            "assignment",
                            request.baseUrl() + "/v3/projects/" + a.projectId() + "/users/" + a.userId() + "/roles/"
                                    + a.roleId());
            return node;
        });
        return ApiResponse.ok(listOf("role_assignments", items, request));
    }

    // ---- application credentials ----

    private ObjectNode applicationCredentialBody(
            ApplicationCredential credential, ApiRequest request, boolean withSecret) {
        ObjectNode node = Json.object()
                .put("id", credential.id())
                .put("name", credential.name())
                .put("user_id", credential.userId())
                .put("project_id", credential.projectId())
                .put("description", credential.description())
                .put("unrestricted", credential.unrestricted());
        if (credential.expiresAt() == null) {
            node.putNull("expires_at");
        } else {
            node.put("expires_at", Json.micros(credential.expiresAt()));
        }
        if (withSecret) {
            node.put("secret", credential.secret());
        }
        ArrayNode roleNodes = node.putArray("roles");
        credential.roleIds().stream()
                .map(roles::get)
                .filter(Objects::nonNull)
                .forEach(role -> roleNodes.add(Json.object()
                        .put("id", role.id())
                        .put("name", role.name())
                        .putNull("domain_id")));
        node.putArray("access_rules");
        node.set(
                "links",
                links(request, "/v3/users/" + credential.userId() + "/application_credentials/" + credential.id()));
        return node;
    }

    private AuthContext requireSelf(ApiRequest request) {
        Token token = authenticateAny(request);
        if (!token.userId().equals(request.param("user"))) {
            throw forbidden("create_application_credential");
        }
        if (token.applicationCredentialId() != null) {
            // an application credential may not mint others unless unrestricted
            ApplicationCredential used = applicationCredentials.get(token.applicationCredentialId());
            if (!used.unrestricted()) {
                throw forbidden("create_application_credential");
            }
        }
        return context(token);
    }

    private ApiResponse listApplicationCredentials(ApiRequest request) {
        requireSelf(request);
        List<ApplicationCredential> found = applicationCredentials.values().stream()
                .filter(c -> c.userId().equals(request.param("user")))
                .filter(matchesQuery(request, "name", ApplicationCredential::name))
                .toList();
        return ApiResponse.ok(listOf(
                "application_credentials",
                Json.arrayOf(found, c -> applicationCredentialBody(c, request, false)),
                request));
    }

    private ApiResponse createApplicationCredential(ApiRequest request) {
        AuthContext caller = requireSelf(request);
        if (caller.projectId() == null) {
            throw ERRORS.badRequest("Application credentials require a project-scoped token.");
        }
        JsonNode body = request.resource(ERRORS, "application_credential");
        String name = required(body, "name");
        if (applicationCredentials.values().stream()
                .anyMatch(c -> c.userId().equals(caller.userId()) && c.name().equals(name))) {
            throw conflict("application_credential", "Duplicate entry found with name " + name + ".");
        }
        List<String> roleIds = new ArrayList<>();
        List<String> callerRoles = rolesOn(caller.userId(), caller.projectId());
        JsonNode requested = body.get("roles");
        if (requested != null && requested.isArray() && !requested.isEmpty()) {
            for (JsonNode ref : requested) {
                String roleId = Optional.ofNullable(text(ref, "id"))
                        .orElseGet(() -> roles.values().stream()
                                .filter(r -> r.name().equals(text(ref, "name")))
                                .map(Role::id)
                                .findFirst()
                                .orElseThrow(() -> ERRORS.notFound("Could not find role: " + text(ref, "name") + ".")));
                if (!callerRoles.contains(roleId)) {
                    throw forbidden("create_application_credential");
                }
                roleIds.add(roleId);
            }
        } else {
            roleIds.addAll(callerRoles);
        }
        String secret = Optional.ofNullable(text(body, "secret")).orElseGet(() -> newId() + newId());
        String expiresAt = text(body, "expires_at");
        ApplicationCredential credential = new ApplicationCredential(
                newId(),
                name,
                caller.userId(),
                caller.projectId(),
                secret,
                List.copyOf(roleIds),
                text(body, "description"),
                expiresAt == null ? null : Instant.parse(expiresAt.endsWith("Z") ? expiresAt : expiresAt + "Z"),
                body.path("unrestricted").asBoolean(false));
        applicationCredentials.put(credential.id(), credential);
        return ApiResponse.created(
                Json.wrap("application_credential", applicationCredentialBody(credential, request, true)));
    }

    private ApplicationCredential applicationCredential(ApiRequest request) {
        return Optional.ofNullable(applicationCredentials.get(request.param("id")))
                .filter(c -> c.userId().equals(request.param("user")))
                .orElseThrow(
                        () -> ERRORS.notFound("Could not find Application Credential: " + request.param("id") + "."));
    }

    private ApiResponse showApplicationCredential(ApiRequest request) {
        requireSelf(request);
        return ApiResponse.ok(Json.wrap(
                "application_credential", applicationCredentialBody(applicationCredential(request), request, false)));
    }

    private ApiResponse deleteApplicationCredential(ApiRequest request) {
        requireSelf(request);
        applicationCredentials.remove(applicationCredential(request).id());
        return ApiResponse.noContent();
    }

    private static String required(JsonNode body, String field) {
        String value = text(body, field);
        if (value == null || value.isBlank()) {
            throw ERRORS.badRequest("Invalid input for field '" + field + "': '" + field + "' is a required property");
        }
        return value;
    }
}
