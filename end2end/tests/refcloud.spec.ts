import { expect, test } from "@playwright/test";
import { DEMO, hydrated, login } from "./helpers";

// The core tenant flow against a real OpenStack (../shared/refcloud: Nova
// with the fake driver, Glance, and no Neutron). scripts/test runs it with
// REFCLOUD=1; elsewhere it is skipped.
test.describe("compute on a real cloud @refcloud", () => {
  test.skip(!process.env.REFCLOUD_E2E, "needs refcloud: run REFCLOUD=1 scripts/test");
  test.describe.configure({ timeout: 180_000 });

  test("launch with no network, reach ACTIVE, stop, start, delete", async ({ page }) => {
    await login(page, DEMO);
    const name = `zenith-e2e-${Date.now().toString(36)}`;
    await page.goto("/project/instances/launch");
    await hydrated(page);
    await page.getByLabel("Instance name").fill(name);
    await page.getByTestId("wizard-next").click();
    await page.getByRole("radio", { name: /refcloud-tiny/ }).check();
    await page.getByTestId("wizard-next").click();
    await page.getByLabel("m1.tiny", { exact: true }).check();
    await page.getByTestId("wizard-next").click();
    // No Neutron: the wizard says so and launches without a network.
    await expect(page.getByTestId("no-neutron")).toBeVisible();
    for (let i = 0; i < 4; i++) await page.getByTestId("wizard-next").click();
    await expect(page.getByTestId("step-title")).toHaveText("Summary");
    await expect(page.getByTestId("summary-launch-step-networks")).toHaveText("None");
    await page.getByTestId("wizard-launch").click();
    await expect(page).toHaveURL(/\/project\/instances$/);

    const row = page.getByTestId("instance-row").filter({ hasText: name });
    await expect(row.getByTestId("status-badge")).toHaveText("Active", { timeout: 120_000 });
    await row.getByRole("link", { name }).click();
    await expect(page.getByTestId("instance-name")).toHaveText(name);

    await page.getByTestId("instance-actions").getByTestId("action-stop").click();
    await page.getByTestId("confirm-yes").click();
    await expect(page.getByTestId("status-badge")).toHaveText("Shut off", { timeout: 120_000 });
    await page.getByTestId("instance-actions").getByTestId("action-start").click();
    await page.getByTestId("confirm-yes").click();
    await expect(page.getByTestId("status-badge")).toHaveText("Active", { timeout: 120_000 });

    await page.getByTestId("instance-actions").getByTestId("action-delete").click();
    await page.getByTestId("confirm-yes").click();
    await expect(page).toHaveURL(/\/project\/instances$/);
    await expect(page.getByTestId("instance-row").filter({ hasText: name })).toHaveCount(0, { timeout: 120_000 });
  });
});
