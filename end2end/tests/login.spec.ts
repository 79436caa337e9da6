import { expect, test } from "@playwright/test";
import { ADMIN, DEMO, hydrated, login, openMenu } from "./helpers";

test.describe("login @login", () => {
  test("a wrong password shows an error at the form and keeps the user name", async ({ page }) => {
    await page.goto("/login");
    await hydrated(page);
    await page.getByLabel(/user name/i).fill(DEMO.name);
    await page.getByLabel(/^password$/i).fill("certainly-wrong");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByTestId("login-error")).toContainText("user name, password or domain is wrong");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByLabel(/user name/i)).toHaveValue(DEMO.name);
  });

  test("an empty password is caught at its field", async ({ page }) => {
    await page.goto("/login");
    await hydrated(page);
    await page.getByLabel(/user name/i).fill(DEMO.name);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.locator("#login-password-error")).toHaveText("Enter your password.");
    await expect(page.getByLabel(/^password$/i)).toHaveAttribute("aria-invalid", "true");
  });

  test("demo logs in and lands on the overview of its project", async ({ page }) => {
    await login(page, DEMO);
    await expect(page.getByTestId("overview-project")).toHaveText("demo");
    await expect(page.getByTestId("current-project")).toHaveText("demo");
    await expect(page.getByTestId("services-count")).toContainText("in this region");
    // Non-admins see no Admin section.
    await expect(page.getByTestId("side-nav").first()).not.toContainText("Admin");
  });

  test("admin logs in and sees the Admin section", async ({ page }) => {
    await login(page, ADMIN);
    const nav = page.getByTestId("side-nav").first();
    await expect(nav).toContainText("Admin");
    await nav.getByRole("link", { name: "System information" }).click();
    await expect(page.getByRole("heading", { name: "System information" })).toBeVisible();
    await expect(page.getByTestId("endpoints-table")).toContainText("identity");
  });

  test("switching project rescopes the session", async ({ page }) => {
    await login(page, DEMO);
    const menu = await openMenu(page, "project-menu");
    await menu.getByRole("button", { name: /alt_demo/ }).click();
    await expect(page.getByTestId("current-project")).toHaveText("alt_demo");
    await expect(page.getByTestId("overview-project")).toHaveText("alt_demo");
    // It sticks: a fresh load still shows the new project.
    await page.reload();
    await expect(page.getByTestId("current-project")).toHaveText("alt_demo");
  });

  test("a non-admin gets 403 on an admin URL", async ({ page }) => {
    await login(page, DEMO);
    const response = await page.goto("/admin/system");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
    await expect(page.getByTestId("endpoints-table")).toHaveCount(0);
  });

  test("logout ends the session and the back button does not get back in", async ({ page }) => {
    await login(page, DEMO);
    await page.goto("/identity/projects");
    await expect(page.getByTestId("projects-table")).toContainText("alt_demo");
    await hydrated(page);
    const menu = await openMenu(page, "user-menu");
    await menu.getByTestId("logout").click();
    await expect(page).toHaveURL(/\/login\?reason=logged_out/);
    await expect(page.getByText("You have logged out.")).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByTestId("projects-table")).toHaveCount(0);
    await page.goto("/project");
    await expect(page).toHaveURL(/\/login$/);
  });
});
