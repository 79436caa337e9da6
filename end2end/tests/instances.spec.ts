import { expect, test } from "@playwright/test";
import { DEMO, hydrated, login } from "./helpers";

test.describe("instances", () => {

  test("the project's servers are listed with their status", async ({ page }) => {
    await login(page, DEMO);
    await page.getByTestId("side-nav").first().getByRole("link", { name: "Instances" }).click();
    await expect(page.getByRole("heading", { name: "Instances" })).toBeVisible();
    const table = page.getByTestId("instances-table");
    await expect(table).toContainText("demo-server-1");
    await expect(table).toContainText("demo-server-2");
    await expect(table.getByTestId("status-badge").first()).toHaveText("Active");
    // Images are shown by name, from Glance.
    await expect(table).toContainText("cirros-0.6.2-x86_64-disk");
    await expect(page.getByRole("navigation", { name: "Breadcrumbs" })).toContainText("Instances");
  });

  test("the name filter is applied by the server and survives a reload", async ({ page }) => {
    await login(page, DEMO);
    await page.goto("/project/instances");
    await hydrated(page);
    await page.getByLabel("Name contains").fill("server-1");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/name=server-1/);
    await expect(page.getByTestId("instance-row")).toHaveCount(1);
    await page.reload();
    await expect(page.getByTestId("instance-row")).toHaveCount(1);
    // Characters that mean something in a regular expression are taken literally.
    await page.goto("/project/instances?name=(%5B");
    await expect(page.getByTestId("instances-empty")).toBeVisible();
  });

  test("a made-up status is refused at its field, not with a crash", async ({ page }) => {
    await login(page, DEMO);
    await page.goto("/project/instances?status=EXPLODED");
    await expect(page.locator("#instances-status-error")).toHaveText("Choose a status from the list.");
  });

  test("other projects do not see demo's servers", async ({ page }) => {
    await login(page, DEMO);
    await page.getByTestId("project-menu").locator("summary").click();
    await page.getByTestId("project-menu").getByRole("button", { name: /alt_demo/ }).click();
    await expect(page.getByTestId("current-project")).toHaveText("alt_demo");
    await page.goto("/project/instances");
    await expect(page.getByTestId("instances-empty")).toBeVisible();
  });
});
