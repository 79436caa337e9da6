import { expect, test, type Page } from "@playwright/test";
import { ADMIN, DEMO, createFlavor, deleteFlavor, hydrated, login } from "./helpers";

// Admin → Compute on the demo cloud: flavors with their extra specs and the
// CPU topology preview, image topology properties, hypervisors, compute
// services, host aggregates and every project's instances. Each test cleans
// up what it made.

const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;

const best = (page: Page, card: string) => page.getByTestId(card).getByTestId("topology-best");
const firstRank = (page: Page, card: string) => page.getByTestId(card).getByTestId("topology-rank-row").first();

test.describe("admin compute", () => {
  test.describe.configure({ timeout: 90_000 });

  test("an 8-vCPU flavor: max threads, an image's sockets, preferred above max, delete", async ({ page }) => {
    await login(page, ADMIN);
    const name = unique("e2e-topo");
    await createFlavor(page, name, 8);
    await expect(page.getByTestId("flavor-vcpus")).toHaveText("8");

    // hw:cpu_max_threads=2: Nova still prefers sockets, so 8×1×1 comes first.
    await page.getByTestId("topology-input-hw:cpu_max_threads").fill("2");
    await expect(best(page, "topology-preview-alone")).toHaveText("8 sockets × 1 core × 1 thread");
    await expect(firstRank(page, "topology-preview-alone")).toContainText("Nova's choice");
    await expect(page.getByTestId("topology-preview-alone").getByTestId("topology-rank-row")).toHaveCount(7);
    await expect(page.getByTestId("topology-preview-alone").getByTestId("topology-socket")).toHaveCount(8);
    await page.getByTestId("topology-save").click();
    await expect(page.getByTestId("topology-saved")).toBeVisible();
    // Read back from Nova: the extra spec is on the flavor.
    await page.reload();
    await hydrated(page);
    await expect(page.getByTestId("topology-input-hw:cpu_max_threads")).toHaveValue("2");
    await expect(page.getByTestId("specs-editor").getByTestId("spec-input-hw:cpu_max_threads")).toHaveValue("2");

    // Preferred above max: the error is at the field, and saving is off.
    await page.getByTestId("topology-input-hw:cpu_threads").fill("4");
    await expect(page.locator("#topology-hw-cpu-threads-error")).toContainText("above the maximum of 2");
    await expect(page.getByTestId("topology-input-hw:cpu_threads")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("topology-save")).toBeDisabled();
    await page.getByTestId("topology-input-hw:cpu_threads").fill("");
    await expect(page.getByTestId("topology-save")).toBeEnabled();

    // An image asking for 2 sockets: 2×4×1 with this flavor.
    await page.goto("/project/images");
    await hydrated(page);
    await page.getByRole("link", { name: /ubuntu/ }).first().click();
    await hydrated(page);
    const imageName = (await page.getByTestId("image-name").textContent()) ?? "";
    const panel = page.getByTestId("topology-panel");
    await panel.getByTestId("topology-input-hw_cpu_sockets").fill("2");
    await panel.getByTestId("topology-other").selectOption({ label: `${name} (8 vCPU)` });
    await expect(best(page, "topology-preview-combined")).toHaveText("2 sockets × 4 cores × 1 thread");
    await expect(best(page, "topology-preview-alone")).toHaveText("8 sockets × 1 core × 1 thread");
    await expect(page.getByTestId("topology-preview-combined").getByTestId("topology-reason")).toContainText(
      "replaces all of the flavor's",
    );
    // Above the flavor's max threads: Nova would refuse, and the form says so.
    await panel.getByTestId("topology-input-hw_cpu_max_threads").fill("4");
    await expect(page.locator("#topology-hw-cpu-max-threads-error")).toContainText("flavor's maximum of 2");
    await expect(page.getByTestId("topology-preview-combined").getByTestId("topology-impossible")).toContainText(
      "ImageVCPULimitsRangeExceeded",
    );
    await panel.getByTestId("topology-input-hw_cpu_max_threads").fill("");
    await panel.getByTestId("topology-save").click();
    await expect(panel.getByTestId("topology-saved")).toBeVisible();

    // The flavor page previews with the saved image too.
    await page.goto("/admin/flavors");
    await hydrated(page);
    await page.getByRole("link", { name, exact: true }).click();
    await hydrated(page);
    await page.getByTestId("topology-other").selectOption({ label: imageName });
    await expect(best(page, "topology-preview-combined")).toHaveText("2 sockets × 4 cores × 1 thread");

    // Put the image back as it was.
    await page.goto("/project/images");
    await hydrated(page);
    await page.getByRole("link", { name: /ubuntu/ }).first().click();
    await hydrated(page);
    await page.getByTestId("topology-panel").getByTestId("topology-input-hw_cpu_sockets").fill("");
    await page.getByTestId("topology-panel").getByTestId("topology-save").click();
    await expect(page.getByTestId("topology-panel").getByTestId("topology-saved")).toBeVisible();

    await deleteFlavor(page, name);
  });

  test("extra specs: a choice from the metadefs, any key, and Nova's refusal at the field", async ({ page }) => {
    await login(page, ADMIN);
    const name = unique("e2e-specs");
    await createFlavor(page, name, 2);
    const editor = page.getByTestId("specs-editor");
    // Known keys come grouped by namespace, with their choices.
    await editor.getByTestId("specs-namespace").filter({ hasText: "OS::Compute::Watchdog" }).locator("summary").click();
    await editor.getByTestId("spec-input-hw:watchdog_action").selectOption("reset");
    await editor.getByTestId("spec-add").click();
    await editor.getByTestId("spec-custom-key").last().fill("zenith:team");
    await editor.getByTestId("spec-custom-value").last().fill("blue");
    await editor.getByTestId("specs-save").click();
    await expect(editor.getByTestId("specs-saved")).toBeVisible();
    await page.goto("/admin/flavors");
    await hydrated(page);
    const chips = page.getByTestId("flavor-row").filter({ hasText: name }).getByTestId("flavor-specs");
    await expect(chips).toContainText("hw:watchdog_action=reset");
    await expect(chips).toContainText("zenith:team=blue");

    // An unknown hw: key: Nova refuses, and says so at that key.
    await page.getByRole("link", { name, exact: true }).click();
    await hydrated(page);
    await page.getByTestId("specs-editor").getByTestId("spec-add").click();
    await page.getByTestId("spec-custom-key").last().fill("hw:cpu_sokets");
    await page.getByTestId("spec-custom-value").last().fill("2");
    await page.getByTestId("specs-save").click();
    await expect(page.getByTestId("spec-custom-row").filter({ has: page.locator('[data-testid="spec-custom-key"]') }).last()).toContainText(
      "extra spec 'hw:cpu_sokets' does not appear to be a valid extra spec",
    );
    // What was typed is still there to correct.
    await expect(page.getByTestId("spec-custom-key").last()).toHaveValue("hw:cpu_sokets");

    await deleteFlavor(page, name);
  });

  test("a private flavor is offered only to the projects given access", async ({ page, browser }) => {
    await login(page, ADMIN);
    const name = unique("e2e-private");
    await page.goto("/admin/flavors");
    await hydrated(page);
    await page.getByTestId("flavor-create").locator("summary").click();
    await page.getByTestId("flavor-new-name").fill(name);
    await page.getByTestId("flavor-new-vcpus").fill("1");
    await page.getByTestId("flavor-new-ram").fill("256");
    await page.getByTestId("flavor-new-disk").fill("1");
    await page.getByTestId("flavor-new-public").uncheck();
    await page.getByTestId("flavor-create-submit").click();
    await expect(page.getByTestId("flavor-name")).toHaveText(name);
    await hydrated(page);
    const access = page.getByTestId("flavor-access");
    const demo = access.getByRole("checkbox", { name: "demo", exact: true });
    await expect(demo).not.toBeChecked();

    // demo's launch wizard does not offer it yet.
    const tenant = await browser.newPage({ baseURL: new URL(page.url()).origin });
    const flavorStep = async () => {
      await tenant.goto("/project/instances/launch");
      await hydrated(tenant);
      await tenant.getByLabel("Instance name").fill("e2e-access");
      await tenant.getByTestId("wizard-next").click();
      await tenant.getByRole("radio", { name: /cirros/ }).check();
      await tenant.getByTestId("wizard-next").click();
      await expect(tenant.getByTestId("step-title")).toHaveText("Flavor");
    };
    await login(tenant, DEMO);
    await flavorStep();
    await expect(tenant.getByLabel("m1.tiny", { exact: true })).toBeVisible();
    await expect(tenant.getByLabel(name, { exact: true })).toHaveCount(0);

    await demo.check();
    await expect(demo).toBeChecked();
    await page.reload();
    await hydrated(page);
    await expect(page.getByTestId("flavor-access").getByRole("checkbox", { name: "demo", exact: true })).toBeChecked();
    await flavorStep();
    await expect(tenant.getByLabel(name, { exact: true })).toBeVisible();
    await tenant.close();

    await deleteFlavor(page, name);
  });

  test("deleting a flavor in use names its instances", async ({ page }) => {
    await login(page, ADMIN);
    await page.goto("/admin/flavors");
    await hydrated(page);
    await page.getByTestId("flavor-row").filter({ hasText: "m1.tiny" }).getByTestId("flavor-delete").click();
    const confirm = page.getByTestId("confirm-panel");
    await expect(confirm).toContainText("instance");
    await expect(confirm.locator("li").first()).toBeVisible();
    await page.getByTestId("confirm-no").click();
    await expect(page.getByTestId("flavor-row").filter({ hasText: "m1.tiny" })).toHaveCount(1);
  });

  test("hypervisors show capacity per host and their servers", async ({ page }) => {
    await login(page, ADMIN);
    await page.goto("/admin/hypervisors");
    await hydrated(page);
    const cards = page.getByTestId("hypervisor-card");
    await expect(cards).toHaveCount(3);
    await expect(page.getByTestId("hypervisors-total")).toContainText("vCPUs");
    await expect(page.getByTestId("hypervisors-total").getByRole("meter")).toHaveCount(3);
    // The seeded servers run somewhere.
    const host = cards.filter({ hasText: "demo-server-1" });
    await expect(host).toHaveCount(1);
    await expect(host.getByRole("meter", { name: "vCPUs" })).toHaveAttribute("aria-valuenow", /^[1-9]/);
  });

  test("disable a compute service with a reason, then enable it", async ({ page }) => {
    await login(page, ADMIN);
    await page.goto("/admin/compute_services");
    await hydrated(page);
    const row = page.locator('[data-testid="service-row"][data-binary="nova-compute"][data-host="compute-3"]');
    await row.getByTestId("service-disable").click();
    await row.getByTestId("service-reason-input").fill("e2e maintenance");
    await row.getByTestId("service-disable-confirm").click();
    await expect(row.getByTestId("service-status")).toHaveText("disabled");
    await expect(row.getByTestId("service-reason")).toHaveText("e2e maintenance");
    await row.getByTestId("service-enable").click();
    await expect(row.getByTestId("service-status")).toHaveText("enabled");
  });

  test("host aggregates: create with a zone, add a host, metadata, delete", async ({ page }) => {
    await login(page, ADMIN);
    await page.goto("/admin/aggregates");
    await hydrated(page);
    const name = unique("e2e-agg");
    await page.getByTestId("aggregate-name").fill(name);
    await page.getByTestId("aggregate-zone").fill(`${name}-az`);
    await page.getByTestId("aggregate-create-submit").click();
    const card = page.locator(`[data-testid="aggregate-card"][data-name="${name}"]`);
    await expect(card).toContainText(`${name}-az`);
    await card.getByTestId("aggregate-host-select").selectOption("compute-2");
    await card.getByTestId("aggregate-host-add").click();
    await expect(card.getByTestId("aggregate-host")).toHaveText(/compute-2/);
    await card.getByTestId("aggregate-meta-add").click();
    await card.getByTestId("aggregate-meta-key").last().fill("ssd");
    await card.getByTestId("aggregate-meta-value").last().fill("true");
    await card.getByTestId("aggregate-meta-save").click();
    await page.reload();
    await hydrated(page);
    await expect(card.getByTestId("aggregate-meta-key").first()).toBeVisible();
    const keys = await card.getByTestId("aggregate-meta-key").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(keys).toContain("ssd");
    // Nova refuses to delete an aggregate with hosts: remove the host first.
    await card.getByTestId("aggregate-host-remove").click();
    await expect(card.getByTestId("aggregate-host")).toHaveCount(0);
    await card.getByTestId("aggregate-delete").click();
    await page.getByTestId("confirm-yes").click();
    await expect(card).toHaveCount(0);
  });

  test("all instances shows every project's servers with their project", async ({ page }) => {
    await login(page, ADMIN);
    await page.goto("/admin/instances");
    await hydrated(page);
    const demoRow = page.getByTestId("instance-row").filter({ hasText: "demo-server-1" });
    await expect(demoRow.getByTestId("instance-project")).toHaveText("demo");
    // An admin sees the guest CPU topology from the server's diagnostics.
    await demoRow.getByRole("link", { name: "demo-server-1" }).click();
    await expect(page.getByTestId("instance-cpu-topology")).toContainText("1 socket × 1 core × 1 thread");
  });

  test("a non-admin cannot reach the admin compute pages or their functions", async ({ page }) => {
    await login(page, DEMO);
    await expect(page.getByTestId("side-nav").first()).not.toContainText("Flavors");
    for (const path of ["/admin/flavors", "/admin/hypervisors", "/admin/compute_services", "/admin/aggregates", "/admin/instances"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByTestId("error-403")).toBeVisible();
    }
    // An image demo does not own: the topology panel previews but does not edit.
    await page.goto("/project/images");
    await hydrated(page);
    await page.getByRole("link", { name: /cirros/ }).first().click();
    await hydrated(page);
    await expect(page.getByTestId("topology-panel").getByTestId("topology-input-hw_cpu_sockets")).toBeDisabled();
    await expect(page.getByTestId("topology-panel").getByTestId("topology-save")).toHaveCount(0);
    // The server refuses too, not just the page.
    const origin = new URL(page.url()).origin;
    for (const fn of ["admin_list_flavors", "admin_hypervisors", "admin_compute_services", "admin_aggregates"]) {
      const res = await page.request.post(`/api/${fn}`, { headers: { Origin: origin }, form: {} });
      expect(res.status(), fn).toBe(403);
    }
    const res = await page.request.post("/api/admin_create_flavor", {
      headers: { Origin: origin, "Content-Type": "application/json" },
      data: { new: { name: "x", id: "", vcpus: "1", ram: "1", disk: "1", ephemeral: "", swap: "", rxtx_factor: "", is_public: true, description: "" } },
    });
    expect(res.status()).toBe(403);
  });
});
