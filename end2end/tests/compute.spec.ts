import { expect, test, type Page } from "@playwright/test";
import { DEMO, hydrated, login } from "./helpers";

// Tenant compute flows on the demo cloud: the launch wizard, an instance's
// life, bulk actions, key pairs and image upload. Every test cleans up what
// it made, so they can run in any order against one cloud.

const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;

/** Walks the wizard up to the summary with the given answers. */
async function fillWizard(page: Page, opts: { name: string; count?: number; keyName?: string }) {
  await page.goto("/project/instances/launch");
  await hydrated(page);
  await page.getByLabel("Instance name").fill(opts.name);
  if (opts.count) await page.getByLabel("Count").fill(String(opts.count));
  await page.getByTestId("wizard-next").click();
  await expect(page.getByTestId("step-title")).toHaveText("Source");
  await page.getByRole("radio", { name: /cirros/ }).check();
  await page.getByTestId("wizard-next").click();
  await expect(page.getByTestId("step-title")).toHaveText("Flavor");
  await page.getByLabel("m1.tiny", { exact: true }).check();
  await page.getByTestId("wizard-next").click();
  await expect(page.getByTestId("step-title")).toHaveText("Networks");
  // The project's one network is chosen already.
  await expect(page.getByRole("checkbox", { name: /private/ })).toBeChecked();
  await page.getByTestId("wizard-next").click();
  await expect(page.getByRole("checkbox", { name: "default" })).toBeChecked();
  await page.getByTestId("wizard-next").click();
  if (opts.keyName) await page.getByLabel("Key pair", { exact: true }).selectOption(opts.keyName);
  await page.getByTestId("wizard-next").click();
  await expect(page.getByTestId("step-title")).toHaveText("Configuration");
  await page.getByLabel("User data (cloud-init)").fill("#cloud-config\nhostname: e2e\n");
  await page.getByTestId("wizard-next").click();
  await expect(page.getByTestId("step-title")).toHaveText("Summary");
}

async function rowOf(page: Page, name: string) {
  await page.goto(`/project/instances?name=${encodeURIComponent(name)}`);
  await hydrated(page);
  return page.getByTestId("instance-row").filter({ hasText: name });
}

test.describe("compute", () => {
  test.describe.configure({ timeout: 90_000 });

  test("launch an instance, watch it go ACTIVE, stop, start, read its console, delete it", async ({ page }) => {
    await login(page, DEMO);
    const name = unique("e2e-web");
    await fillWizard(page, { name });
    await expect(page.getByTestId("summary-launch-name")).toHaveText(name);
    await expect(page.getByTestId("summary-instances-flavor")).toContainText("m1.tiny");
    await page.getByTestId("wizard-launch").click();
    await expect(page).toHaveURL(/\/project\/instances$/);

    // The new row refreshes by itself from Building to Active.
    const row = page.getByTestId("instance-row").filter({ hasText: name });
    await expect(row).toBeVisible();
    await expect(row.getByTestId("status-badge")).toHaveText("Active", { timeout: 20_000 });
    await expect(row).toContainText("10.0.0.");

    await row.getByRole("link", { name }).click();
    await expect(page.getByTestId("instance-name")).toHaveText(name);
    await expect(page.getByTestId("instance-overview")).toContainText("1 vCPU, 512 MiB RAM");
    await expect(page.getByTestId("instance-addresses")).toContainText("private");

    await page.getByTestId("instance-actions").getByTestId("action-stop").click();
    await expect(page.getByTestId("confirm-panel")).toContainText("Shut off this instance?");
    await page.getByTestId("confirm-yes").click();
    await expect(page.getByTestId("status-badge")).toHaveText("Shut off", { timeout: 20_000 });

    await page.getByTestId("instance-actions").getByTestId("action-start").click();
    await page.getByTestId("confirm-yes").click();
    await expect(page.getByTestId("status-badge")).toHaveText("Active", { timeout: 20_000 });

    await page.getByRole("link", { name: "Console log" }).click();
    await expect(page.getByTestId("console-log")).toContainText(name);
    // The guest's CPU topology, as the demo cloud's engine chose it.
    await expect(page.getByTestId("console-log")).toContainText(/Socket\(s\):\s+1/);
    await expect(page.getByTestId("console-lines")).toHaveText(/^\d+ lines$/);

    await page.getByRole("link", { name: "Action log" }).click();
    await expect(page.getByTestId("action-log-row").first()).toBeVisible();
    await expect(page.getByTestId("action-log")).toContainText("stop");

    await page.getByTestId("instance-actions").getByTestId("action-delete").click();
    await expect(page.getByTestId("confirm-panel")).toContainText("This cannot be undone.");
    await page.getByTestId("confirm-yes").click();
    await expect(page).toHaveURL(/\/project\/instances$/);
    await expect(page.getByTestId("instance-row").filter({ hasText: name })).toHaveCount(0, { timeout: 20_000 });
  });

  test("an empty name is refused at its field, and nothing else is lost", async ({ page }) => {
    await login(page, DEMO);
    await page.goto("/project/instances/launch");
    await hydrated(page);
    await page.getByLabel("Count").fill("2");
    await page.getByTestId("wizard-next").click();
    await expect(page.locator("#launch-name-error")).toHaveText("Enter a name for the instance.");
    await expect(page.getByLabel("Instance name")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("step-title")).toHaveText("Details");
    await expect(page.getByLabel("Count")).toHaveValue("2");
    // Flavors too small for the image say why.
    await page.getByLabel("Instance name").fill("x");
    await page.getByTestId("wizard-next").click();
    await page.getByTestId("wizard-next").click();
    await expect(page.locator("#launch-image-error")).toHaveText("Choose an image or snapshot to boot from.");
  });

  test("exceeding the quota shows Nova's message", async ({ page }) => {
    await login(page, DEMO);
    await fillWizard(page, { name: unique("e2e-many"), count: 11 });
    await page.getByTestId("wizard-launch").click();
    const alert = page.getByRole("alert").filter({ hasText: "Quota exceeded" });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText("instances");
    await expect(page).toHaveURL(/\/launch$/);
  });

  test("bulk actions ask first, then report Nova's refusals per instance", async ({ page }) => {
    await login(page, DEMO);
    const name = unique("e2e-bulk");
    await fillWizard(page, { name, count: 2 });
    await page.getByTestId("wizard-launch").click();
    await expect(page).toHaveURL(/\/project\/instances$/);
    await rowOf(page, name);
    const rows = page.getByTestId("instance-row");
    await expect(rows).toHaveCount(2);
    await expect(rows.getByTestId("status-badge").filter({ hasText: "Active" })).toHaveCount(2, { timeout: 20_000 });

    await page.getByTestId("select-all").check();
    await page.getByLabel("With the selected:").selectOption({ label: "Shut off" });
    await page.getByTestId("bulk-apply").click();
    await expect(page.getByTestId("confirm-panel")).toContainText("Shut off: 2 instances");
    await page.getByTestId("confirm-yes").click();
    await expect(page.getByTestId("action-ok")).toBeVisible();
    await expect(rows.getByTestId("status-badge").filter({ hasText: "Shut off" })).toHaveCount(2, { timeout: 20_000 });

    // Stopping stopped servers: Nova refuses each, and says why.
    await page.getByTestId("select-all").check();
    await page.getByTestId("bulk-apply").click();
    await page.getByTestId("confirm-yes").click();
    const errors = page.getByTestId("action-errors");
    await expect(errors.locator("li")).toHaveCount(2);
    await expect(errors).toContainText("Nova refused");
    await expect(errors).toContainText("Cannot 'stop' instance");

    await page.getByTestId("select-all").check();
    await page.getByLabel("With the selected:").selectOption({ label: "Delete" });
    await page.getByTestId("bulk-apply").click();
    await page.getByTestId("confirm-yes").click();
    await expect(page.getByTestId("instances-empty")).toBeVisible({ timeout: 20_000 });
  });

  test("a page with a busy server polls gently, not in a loop", async ({ page }) => {
    await login(page, DEMO);
    const name = unique("e2e-poll");
    await fillWizard(page, { name });
    let calls = 0;
    page.on("request", (r) => {
      if (r.url().includes("/api/list_instances")) calls += 1;
    });
    await page.getByTestId("wizard-launch").click();
    await expect(page).toHaveURL(/\/project\/instances$/);
    await page.waitForTimeout(10_000);
    // One refresh every three seconds while it builds, then none.
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(calls).toBeLessThanOrEqual(6);
    const row = page.getByTestId("instance-row").filter({ hasText: name });
    await expect(row.getByTestId("status-badge")).toHaveText("Active");
    await row.getByTestId("select-row").check();
    await page.getByLabel("With the selected:").selectOption({ label: "Delete" });
    await page.getByTestId("bulk-apply").click();
    await page.getByTestId("confirm-yes").click();
    await expect(row).toHaveCount(0, { timeout: 20_000 });
  });

  test("sorting is done by Nova and kept in the URL", async ({ page }) => {
    await login(page, DEMO);
    await page.goto("/project/instances");
    await hydrated(page);
    const cells = page.getByTestId("instance-row").locator("td:nth-child(2) a");
    const names = (await cells.allTextContents()).sort();
    // The old rows stay while Nova's sorted page loads: wait for the new order.
    await page.getByTestId("sort-name").click();
    await expect(page).toHaveURL(/sort=name/);
    await expect(cells).toHaveText(names);
    await page.getByTestId("sort-name").click();
    await expect(page).toHaveURL(/sort=-name/);
    await expect(cells).toHaveText([...names].reverse());
  });

  test("create a key pair (private key once) and import one, then delete both", async ({ page }) => {
    await login(page, DEMO);
    await page.getByTestId("side-nav").first().getByRole("link", { name: "Key pairs" }).click();
    await hydrated(page);
    const created = unique("e2e-key");
    const create = page.getByTestId("keypair-create");
    await create.getByLabel("Key pair name").fill(created);
    await create.getByRole("button", { name: "Create key pair" }).click();
    const download = page.waitForEvent("download");
    await page.getByTestId("download-private-key").click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${created}.pem`);
    await expect(page.getByTestId("keypairs-table")).toContainText(created);

    // The same name again is refused at the field.
    await create.getByRole("button", { name: "Create key pair" }).click();
    await expect(create.locator("#keypair-create-name-error")).toHaveText(/exists already/);

    const imported = unique("e2e-imported");
    const form = page.getByTestId("keypair-import");
    await form.getByLabel("Key pair name").fill(imported);
    await form.getByLabel("Public key (OpenSSH format)").fill("not a key");
    await form.getByRole("button", { name: "Import key pair" }).click();
    await expect(form.locator("#keypair-public-key-error")).toContainText("OpenSSH public key");
    await form
      .getByLabel("Public key (OpenSSH format)")
      .fill("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl e2e@zenith");
    await form.getByRole("button", { name: "Import key pair" }).click();
    await expect(page.getByTestId("keypairs-table")).toContainText(imported);

    for (const name of [created, imported]) {
      await page.getByTestId("keypair-row").filter({ hasText: name }).getByTestId("keypair-delete").click();
      await page.getByTestId("confirm-yes").click();
      await expect(page.getByTestId("keypair-row").filter({ hasText: name })).toHaveCount(0);
    }
  });

  test("upload an image with a progress bar, edit it, then delete it", async ({ page }) => {
    await login(page, DEMO);
    await page.getByTestId("side-nav").first().getByRole("link", { name: "Images" }).click();
    await hydrated(page);
    // Slow the upload down so the progress bar has time to show.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 1024 * 1024,
    });
    const name = unique("e2e-image");
    const bytes = Buffer.alloc(3 * 1024 * 1024, 7);
    await page.getByLabel("Image file").setInputFiles({ name: `${name}.qcow2`, mimeType: "application/octet-stream", buffer: bytes });
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue(`${name}.qcow2`);
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByTestId("image-upload-submit").click();
    await expect(page.getByTestId("upload-progress")).toBeVisible();
    await expect(page.getByTestId("upload-percent")).not.toHaveText("0%", { timeout: 10_000 });
    await expect(page.getByTestId("upload-done")).toBeVisible({ timeout: 30_000 });
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    const row = page.getByTestId("image-row").filter({ hasText: name });
    await expect(row.getByTestId("image-status")).toHaveText("active");
    await expect(row).toContainText("3.0 MiB");

    await row.getByRole("link", { name }).click();
    await expect(page.getByTestId("image-name")).toHaveText(name);
    await page.getByTestId("property-add").click();
    await page.getByTestId("property-row").last().getByLabel("Key").fill("os_distro");
    await page.getByTestId("property-row").last().getByLabel("Value").fill("cirros");
    await page.getByLabel("Protected").check();
    await page.getByTestId("image-save").click();
    await expect(page.getByTestId("image-saved")).toBeVisible();
    await page.reload();
    // The one property survived the reload: it is Glance's now.
    await expect(page.getByTestId("property-row").getByLabel("Key")).toHaveValue("os_distro");
    await expect(page.getByTestId("property-row").getByLabel("Value")).toHaveValue("cirros");
    await expect(page.getByLabel("Protected")).toBeChecked();

    // Protected: the delete is refused with a way out; unprotect, then delete.
    await page.goto("/project/images");
    await hydrated(page);
    await page.getByTestId("image-row").filter({ hasText: name }).getByTestId("image-delete").click();
    await page.getByTestId("confirm-yes").click();
    await expect(page.getByRole("alert").filter({ hasText: "protected" })).toBeVisible();
    await page.getByTestId("image-row").filter({ hasText: name }).getByRole("link", { name }).click();
    await page.getByLabel("Protected").uncheck();
    await page.getByTestId("image-save").click();
    await expect(page.getByTestId("image-saved")).toBeVisible();
    await page.goto("/project/images");
    await hydrated(page);
    await page.getByTestId("image-row").filter({ hasText: name }).getByTestId("image-delete").click();
    await page.getByTestId("confirm-yes").click();
    await expect(page.getByTestId("image-row").filter({ hasText: name })).toHaveCount(0);
  });

  test("a bad image field is refused at the field", async ({ page }) => {
    await login(page, DEMO);
    await page.goto("/project/images");
    await hydrated(page);
    await page.getByTestId("image-upload-submit").click();
    await expect(page.locator("#image-file-error")).toHaveText("Choose the file to upload.");
    await page.getByLabel("Image file").setInputFiles({ name: "x.raw", mimeType: "application/octet-stream", buffer: Buffer.alloc(10) });
    await page.getByLabel("Minimum disk (GiB)").fill("lots");
    await page.getByTestId("image-upload-submit").click();
    await expect(page.locator("#image-min-disk-error")).toHaveText("Enter a whole number, 0 or more.");
  });
});
