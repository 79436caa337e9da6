import { expect, test, type Page } from "@playwright/test";
import { DEMO, hydrated, login } from "./helpers";

// Project → Orchestration on the demo cloud, and (tagged @refcloud) a
// server-plus-container stack against real Heat.

const unique = (p: string) => `${p}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** Waits for the stack's status badge to read `status` (e.g. CREATE_COMPLETE). */
async function stackStatus(page: Page, status: string, timeout = 60_000) {
  await expect(page.getByTestId("stack-status").locator("[data-status]")).toHaveAttribute("data-status", status, { timeout });
}

async function launchStarter(page: Page, starter: string, name: string) {
  await page.goto("/project/stacks/starters");
  await hydrated(page);
  await page.locator(`[data-testid="starter-card"][data-id="${starter}"]`).getByTestId("starter-launch").click();
  await expect(page).toHaveURL(/\/project\/stacks\/launch\?starter=/);
  await hydrated(page);
  // The wizard validates the starter itself and builds the form from it.
  await expect(page.getByTestId("template-valid")).toBeVisible({ timeout: 20_000 });
  await page.getByTestId("stack-name").fill(name);
  await page.getByTestId("stack-launch").click();
  await expect(page).toHaveURL(new RegExp(`/project/stacks/${name}/[0-9a-f-]+`), { timeout: 20_000 });
  await hydrated(page);
}

test.describe("orchestration on the demo cloud", () => {
  test.describe.configure({ timeout: 120_000 });

  test("the workshop starter launches, its topology turns green, check sees a lost server, delete cleans up", async ({ page }) => {
    await login(page, DEMO);
    const name = unique("web");
    await launchStarter(page, "web_cluster", name);

    // Live topology: every resource ends CREATE_COMPLETE.
    const nodes = page.getByTestId("topology").getByTestId("topology-node");
    await expect(nodes.first()).toBeVisible();
    await stackStatus(page, "CREATE_COMPLETE");
    await expect(nodes).toHaveCount(15);
    for (const status of await nodes.evaluateAll((els) => els.map((e) => e.getAttribute("data-status")))) {
      expect(status).toBe("CREATE_COMPLETE");
    }
    // Dependencies put a server after its port.
    const layer = async (n: string) => Number(await page.locator(`[data-testid="topology-node"][data-name="${n}"]`).getAttribute("data-layer"));
    expect(await layer("web_0")).toBeGreaterThan(await layer("web_0_port"));

    // Outputs: the site's address through the load balancer.
    await page.getByTestId("stack-tab-outputs").click();
    await expect(page.locator('[data-testid="output-row"][data-key="site_url"]')).toContainText(/http:\/\/10\.0\.0\.\d+\//);
    await expect(page.locator('[data-testid="output-row"][data-key="web_server_names"]')).toContainText("web-0");

    // Someone deletes web-0 on the compute pages...
    await page.goto("/project/instances?name=web-0");
    await hydrated(page);
    await page.getByTestId("instance-row").filter({ hasText: "web-0" }).getByRole("link", { name: "web-0" }).click();
    await hydrated(page);
    await page.getByTestId("instance-actions").getByTestId("action-delete").click();
    await page.getByTestId("confirm-yes").click();
    await expect(page).toHaveURL(/\/project\/instances$/);
    await expect(page.getByTestId("instance-row").filter({ hasText: "web-0" })).toHaveCount(0, { timeout: 20_000 });

    // ...and a stack check reports it.
    await page.goto("/project/stacks");
    await hydrated(page);
    await page.locator(`[data-testid="stack-row"][data-name="${name}"]`).getByTestId("stack-link").click();
    await hydrated(page);
    await page.getByTestId("stack-action-check").click();
    await stackStatus(page, "CHECK_FAILED");
    await expect(page.getByTestId("stack-reason")).toContainText("resources.web_0");
    await expect(page.locator('[data-testid="topology-node"][data-name="web_0"]')).toHaveAttribute("data-status", "CHECK_FAILED");
    await page.getByTestId("stack-tab-events").click();
    await expect(page.getByTestId("events-list")).toContainText("web_0");

    // Delete the stack: it and every server it made are gone.
    await page.getByTestId("stack-action-delete").click();
    await page.getByTestId("confirm-yes").click();
    await expect(page.getByTestId("stack-deleted")).toBeVisible({ timeout: 60_000 });
    await page.goto("/project/stacks");
    await hydrated(page);
    await expect(page.locator(`[data-testid="stack-row"][data-name="${name}"]`)).toHaveCount(0);
    await page.goto("/project/instances");
    await hydrated(page);
    await expect(page.getByTestId("instance-row").filter({ hasText: /web-1|\bdb\b/ })).toHaveCount(0);
  });

  test("a YAML error shows its line, and a missing required parameter is refused at its field", async ({ page }) => {
    await login(page, DEMO);
    await page.goto("/project/stacks/launch");
    await hydrated(page);
    await page.getByTestId("source-text").check();
    const editor = page.getByTestId("template-editor");
    await editor.fill("heat_template_version: 2018-08-31\nresources:\n  box:\n    type: OS::Heat::None\n   properties: {}\n");
    await page.getByTestId("validate-template").click();
    const error = page.getByTestId("template-error");
    await expect(error).toBeVisible();
    await expect(error).toHaveAttribute("data-line", "5");
    await expect(error).toContainText("5");
    // The text is still there to fix.
    await expect(editor).toHaveValue(/OS::Heat::None/);

    await editor.fill(
      "heat_template_version: 2018-08-31\nparameters:\n  greeting:\n    type: string\n    label: Greeting\nresources:\n  box:\n    type: OS::Heat::Value\n    properties:\n      value: {get_param: greeting}\n",
    );
    await page.getByTestId("validate-template").click();
    await expect(page.getByTestId("template-valid")).toBeVisible();
    const field = page.getByTestId("param-greeting");
    await expect(field).toBeVisible();
    await expect(field).toHaveAttribute("required", "");
    await page.getByTestId("stack-name").fill(unique("needs"));
    await page.getByTestId("stack-launch").click();
    await expect(page.locator("#param-greeting-error")).toContainText("Fill in this parameter: it has no default.");
    await expect(page).toHaveURL(/\/project\/stacks\/launch/);
  });

  test("an update previews its changes, then changes the stack in place", async ({ page }) => {
    await login(page, DEMO);
    await page.goto("/project/stacks/launch");
    await hydrated(page);
    await page.getByTestId("source-text").check();
    await page.getByTestId("template-editor").fill(
      "heat_template_version: 2018-08-31\nparameters:\n  word: {type: string, default: one}\nresources:\n  box:\n    type: OS::Heat::Value\n    properties: {value: {get_param: word}}\n  keep:\n    type: OS::Heat::RandomString\noutputs:\n  said: {value: {get_attr: [box, value]}}\n",
    );
    await page.getByTestId("validate-template").click();
    await expect(page.getByTestId("template-valid")).toBeVisible();
    const name = unique("upd");
    await page.getByTestId("stack-name").fill(name);
    await page.getByTestId("stack-launch").click();
    await expect(page).toHaveURL(new RegExp(`/project/stacks/${name}/`));
    await hydrated(page);
    await stackStatus(page, "CREATE_COMPLETE");

    await page.getByTestId("stack-action-update").click();
    await page.getByTestId("update-param-word").fill("two");
    await page.getByTestId("update-preview").click();
    await expect(page.locator('[data-testid="update-preview-row"][data-kind="updated"]')).toContainText("box");
    await expect(page.locator('[data-testid="update-preview-row"][data-kind="unchanged"]')).toContainText("keep");
    await page.getByTestId("update-submit").click();
    await stackStatus(page, "UPDATE_COMPLETE");
    await page.getByTestId("stack-tab-outputs").click();
    await expect(page.locator('[data-testid="output-row"][data-key="said"]')).toContainText("two");
  });

  test("the template tools list resource types with their schema and the template versions", async ({ page }) => {
    await login(page, DEMO);
    await page.goto("/project/resource_types");
    await hydrated(page);
    await page.getByTestId("resource-types-filter").fill("Server");
    await page.locator('[data-testid="resource-type-link"][data-type="OS::Nova::Server"]').click();
    const schema = page.getByTestId("resource-type-schema");
    await expect(schema.locator('[data-testid="property-row"][data-name="flavor"]')).toBeVisible();
    await expect(page.getByTestId("hot-snippet")).toContainText("type: OS::Nova::Server");

    await page.goto("/project/template_versions");
    await hydrated(page);
    await page.locator('[data-testid="version-row"][data-version="heat_template_version.2018-08-31"]').getByTestId("version-link").click();
    await expect(page.locator('[data-testid="function-row"][data-name="get_attr"]')).toBeVisible();
  });
});

test.describe("orchestration on a real cloud @refcloud", () => {
  test.skip(!process.env.REFCLOUD_E2E, "needs refcloud: run REFCLOUD=1 scripts/test");
  test.describe.configure({ timeout: 180_000 });

  test("a server-plus-container stack reaches CREATE_COMPLETE on real Heat", async ({ page }) => {
    await login(page, DEMO);
    await page.goto("/project/stacks/launch");
    await hydrated(page);
    await page.getByTestId("source-text").check();
    await page.getByTestId("template-editor").fill(
      [
        "heat_template_version: 2018-08-31",
        "parameters:",
        "  image: {type: string, default: refcloud-tiny, constraints: [{custom_constraint: glance.image}]}",
        "  flavor: {type: string, default: m1.tiny, constraints: [{custom_constraint: nova.flavor}]}",
        "resources:",
        "  bucket:",
        "    type: OS::Swift::Container",
        "  server:",
        "    type: OS::Nova::Server",
        "    properties:",
        "      image: {get_param: image}",
        "      flavor: {get_param: flavor}",
        "      networks: [{allocate_network: none}]",
        "      metadata: {bucket: {get_resource: bucket}}",
        "outputs:",
        "  bucket: {value: {get_resource: bucket}}",
        "",
      ].join("\n"),
    );
    await page.getByTestId("validate-template").click();
    await expect(page.getByTestId("template-valid")).toBeVisible({ timeout: 30_000 });
    // Custom constraints become selects filled from the real cloud.
    await expect(page.getByTestId("param-image")).toHaveValue("refcloud-tiny");
    const name = unique("rc");
    await page.getByTestId("stack-name").fill(name);
    await page.getByTestId("stack-launch").click();
    await expect(page).toHaveURL(new RegExp(`/project/stacks/${name}/`), { timeout: 30_000 });
    await hydrated(page);
    await stackStatus(page, "CREATE_COMPLETE", 150_000);
    await page.getByTestId("stack-tab-resources").click();
    await expect(page.locator('[data-testid="resource-row"][data-name="server"]')).toContainText("Nova::Server");
    await expect(page.locator('[data-testid="resource-row"][data-name="bucket"]')).toContainText("Swift::Container");
    await page.getByTestId("stack-tab-events").click();
    await expect(page.getByTestId("event-row").first()).toBeVisible();
    await expect(page.getByTestId("events-list")).toContainText("server");

    await page.getByTestId("stack-action-delete").click();
    await page.getByTestId("confirm-yes").click();
    await expect(page.getByTestId("stack-deleted")).toBeVisible({ timeout: 150_000 });
  });
});
