import { expect, test } from "@playwright/test";
import { DEMO, hydrated, login } from "./helpers";

test.describe("project overview", () => {
  test("quota donuts come with their numbers, and as a table", async ({ page }) => {
    await login(page, DEMO);
    const instances = page.getByTestId("quota-chart").filter({ hasText: "Instances" });
    await expect(instances.getByTestId("quota-text")).toHaveText(/^\d+ of 10 used$/);
    // The donut is charts-rs SVG, described by its caption for screen readers.
    await expect(instances.locator("[role=img] svg path").first()).toBeVisible();
    await expect(page.getByTestId("quota-chart")).toHaveCount(7);
    await expect(page.getByTestId("quota-chart").filter({ hasText: "Floating IPs" })).toContainText("of 50 used");
    await hydrated(page);
    await page.getByTestId("quota-as-table").check();
    await expect(page.getByTestId("quota-table")).toBeVisible();
    await expect(page.getByTestId("quota-table")).toContainText("51,200 MiB");
  });

  test("the usage summary lists this month's instances and checks its dates", async ({ page }) => {
    await login(page, DEMO);
    const usage = page.getByTestId("usage");
    await expect(usage.getByTestId("usage-row").filter({ hasText: "demo-server-1" })).toBeVisible();
    await expect(usage.getByTestId("usage-vcpu-hours")).toHaveText(/^[\d,]+\.\d$/);
    await page.goto("/project?usage_start=2026-12-01&usage_end=2026-11-01");
    await expect(page.locator("#usage-start-error")).toHaveText("The start must be on or before the end.");
    await page.goto("/project?usage_start=2001-01-01&usage_end=2001-01-31");
    await expect(usage.getByText("No instances ran in this period.")).toBeVisible();
  });
});
