import { expect, test, type Page } from "@playwright/test";
import { ADMIN, DEMO, hydrated, login, DEMOCLOUD, democloudToken as token } from "./helpers";

// Admin → Health on the demo cloud: faults injected through the page's
// demo-cloud panel show on the board and in the timeline, and recover.
// scripts/test runs Zenith with a 2-second sampler interval and the demo
// cloud on a known port (ZENITH_E2E_DEMOCLOUD_URL), which the clean-up
// uses so that a failed test cannot leave Nova down for the next ones.

async function clearFaults() {
  if (!DEMOCLOUD) return;
  const admin = await token(ADMIN);
  for (const service of ["compute", "image", "identity", "network", "object-store", "orchestration"]) {
    await fetch(`${DEMOCLOUD}/zenith/v1/faults/${service}`, { method: "DELETE", headers: { "X-Auth-Token": admin.id } });
  }
}

const tile = (page: Page, service: string) => page.locator(`[data-testid="health-tile"][data-service="${service}"]`).first();

async function openHealth(page: Page) {
  await page.goto("/admin/health");
  await hydrated(page);
  await expect(tile(page, "compute")).toBeVisible({ timeout: 20_000 });
}

async function inject(page: Page, service: string, mode: string) {
  const panel = page.getByTestId("fault-panel");
  if ((await panel.getByTestId("fault-panel-toggle").getAttribute("aria-expanded")) !== "true") {
    await panel.getByTestId("fault-panel-toggle").click();
  }
  await panel.getByTestId("fault-service").selectOption(service);
  await panel.getByTestId("fault-mode").selectOption(mode);
  await panel.getByTestId("fault-inject").click();
  await expect(panel.locator(`[data-testid="active-fault"][data-service="${service}"]`)).toBeVisible();
}

test.describe("admin health board on the demo cloud", () => {
  test.skip(!!process.env.REFCLOUD_E2E, "the demo cloud's fault API is not on refcloud");
  test.describe.configure({ timeout: 120_000 });
  test.afterEach(clearFaults);

  test("Nova made unavailable turns red and lands in the timeline, the rest keeps working, and it recovers", async ({ page }) => {
    await login(page, ADMIN);
    await openHealth(page);
    await expect(tile(page, "compute")).toHaveAttribute("data-state", "up", { timeout: 30_000 });
    await expect(tile(page, "compute").getByTestId("tile-latency")).toContainText("ms");

    await inject(page, "compute", "unavailable");
    // Two failed probes in a row, 2 s apart, then the page's 5-second refresh.
    await expect(tile(page, "compute")).toHaveAttribute("data-state", "down", { timeout: 30_000 });
    await expect(tile(page, "compute").getByTestId("tile-state")).toHaveText(/Down/);
    await expect(tile(page, "compute").getByTestId("tile-error")).toContainText("503");
    await expect(tile(page, "image")).toHaveAttribute("data-state", "up");
    await expect(tile(page, "identity")).toHaveAttribute("data-state", "up");
    const down = page.locator('[data-testid="timeline-entry"][data-kind="endpoint_down"][data-subject="nova"]');
    await expect(down.first()).toBeVisible({ timeout: 15_000 });
    // The compute section says Nova failed; storage and the board still work.
    await expect(page.getByTestId("health-compute").getByRole("alert")).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId("health-storage").getByTestId("swift-usage")).toBeVisible();

    // Other pages keep working: images come from Glance.
    await page.goto("/project/images");
    await hydrated(page);
    await expect(page.getByText("cirros").first()).toBeVisible();

    await openHealth(page);
    const panel = page.getByTestId("fault-panel");
    await panel.getByTestId("fault-panel-toggle").click();
    await panel.locator('[data-testid="active-fault"][data-service="compute"]').getByTestId("clear-fault").click();
    await expect(panel.getByTestId("active-fault")).toHaveCount(0);
    await expect(tile(page, "compute")).toHaveAttribute("data-state", "up", { timeout: 30_000 });
    await expect(page.locator('[data-testid="timeline-entry"][data-kind="endpoint_recovered"][data-subject="nova"]').first()).toBeVisible({ timeout: 15_000 });

    // The filter narrows the timeline to one kind.
    await page.getByTestId("timeline-kind").selectOption("endpoint_recovered");
    await expect(page.locator('[data-testid="timeline-entry"][data-kind="endpoint_down"]')).toHaveCount(0);
    await expect(page.locator('[data-testid="timeline-entry"][data-kind="endpoint_recovered"]').first()).toBeVisible();
  });

  test("refused connections and bad latency input", async ({ page }) => {
    await login(page, ADMIN);
    await openHealth(page);
    const panel = page.getByTestId("fault-panel");
    await panel.getByTestId("fault-panel-toggle").click();
    await panel.getByTestId("fault-service").selectOption("image");
    await panel.getByTestId("fault-mode").selectOption("slow");
    await panel.getByTestId("fault-latency").fill("soon");
    await panel.getByTestId("fault-inject").click();
    await expect(panel.getByTestId("fault-latency-error")).toContainText("milliseconds");
    await expect(panel.getByTestId("fault-latency")).toHaveValue("soon");

    await inject(page, "image", "refused");
    await expect(tile(page, "image")).toHaveAttribute("data-state", "down", { timeout: 30_000 });
    await expect(tile(page, "compute")).toHaveAttribute("data-state", "up");
  });

  test("an instance put into ERROR shows in the timeline with its fault, and the CSV has it", async ({ page }) => {
    test.skip(!DEMOCLOUD, "needs ZENITH_E2E_DEMOCLOUD_URL (scripts/test sets it)");
    // A server of its own, so no other test sees it fail.
    const demo = await token(DEMO);
    const headers = { "X-Auth-Token": demo.id, "Content-Type": "application/json", "X-OpenStack-Nova-API-Version": "2.37" };
    const flavors = await (await fetch(`${demo.endpoint("compute")}/flavors`, { headers })).json();
    const images = await (await fetch(`${demo.endpoint("image")}/v2/images`, { headers })).json();
    const name = `broken-${Date.now().toString(36)}`;
    const created = await fetch(`${demo.endpoint("compute")}/servers`, {
      method: "POST",
      headers,
      body: JSON.stringify({ server: { name, flavorRef: flavors.flavors[0].id, imageRef: images.images[0].id, networks: "none" } }),
    });
    expect(created.status).toBe(202);
    const serverId = (await created.json()).server.id;
    try {
      await login(page, ADMIN);
      await openHealth(page);
      const panel = page.getByTestId("fault-panel");
      await panel.getByTestId("fault-panel-toggle").click();
      await panel.getByTestId("fail-server").selectOption({ label: name });
      await panel.getByTestId("fail-message").fill("Disk of the instance vanished (e2e)");
      await panel.getByTestId("fail-submit").click();
      const entry = page.locator(`[data-testid="timeline-entry"][data-kind="server_error"][data-subject="${name}"]`);
      await expect(entry).toBeVisible({ timeout: 30_000 });
      await expect(entry.getByTestId("timeline-detail")).toHaveText("Disk of the instance vanished (e2e)");
      await expect(page.getByTestId("health-compute").getByTestId("states-chart")).toContainText("ERROR");

      const download = page.waitForEvent("download");
      await page.getByTestId("health-timeline").getByTestId("csv-download").click();
      const file = await download;
      expect(file.suggestedFilename()).toBe("health-timeline.csv");
      const text = await (await file.createReadStream()).toArray();
      const csv = Buffer.concat(text).toString("utf8");
      expect(csv.split("\r\n")[0]).toBe("time,kind,subject,service_type,region,detail");
      expect(csv).toContain(`server_error,${name},compute`);
    } finally {
      await fetch(`${demo.endpoint("compute")}/servers/${serverId}`, { method: "DELETE", headers });
    }
  });

  test("a tenant cannot open the health board or call its functions", async ({ page }) => {
    await login(page, DEMO);
    await page.goto("/admin/health");
    await expect(page.getByTestId("health-board")).toHaveCount(0);
    const origin = new URL(page.url()).origin;
    for (const fn of ["health_board", "health_compute", "health_storage", "health_timeline", "demo_faults"]) {
      const res = await page.request.post(`/api/${fn}`, { headers: { Origin: origin }, form: {} });
      expect(res.status(), fn).toBe(403);
    }
    const res = await page.request.post("/api/inject_fault", {
      headers: { Origin: origin },
      form: { service_type: "compute", mode: "unavailable", latency_ms: "" },
    });
    expect(res.status()).toBe(403);
  });
});

test.describe("health board on a real cloud @refcloud", () => {
  test.skip(!process.env.REFCLOUD_E2E, "needs refcloud: run REFCLOUD=1 scripts/test");
  test.describe.configure({ timeout: 120_000 });

  test("every refcloud service is up, with a latency", async ({ page }) => {
    await login(page, ADMIN);
    await page.goto("/admin/health");
    await hydrated(page);
    const tiles = page.getByTestId("health-tile");
    for (const service of ["identity", "compute", "image", "object-store", "orchestration", "placement"]) {
      const t = page.locator(`[data-testid="health-tile"][data-service="${service}"]`).first();
      await expect(t).toHaveAttribute("data-state", "up", { timeout: 60_000 });
      await expect(t.getByTestId("tile-latency")).toContainText("ms");
    }
    expect(await tiles.count()).toBeGreaterThanOrEqual(6);
    await expect(page.locator('[data-testid="health-tile"][data-state="down"]')).toHaveCount(0);
    await expect(page.getByTestId("health-compute").getByTestId("health-service").first()).toBeVisible();
  });
});
