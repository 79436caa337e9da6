import { expect, test } from "@playwright/test";
import { DEMO, hydrated, login } from "./helpers";

test("unknown pages get a real 404", async ({ page }) => {
  await login(page, DEMO);
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("pages need a login", async ({ page }) => {
  await page.goto("/identity/projects");
  await expect(page).toHaveURL(/\/login$/);
});

test("breadcrumbs and navigation follow the page", async ({ page }) => {
  await login(page, DEMO);
  await page.getByTestId("side-nav").first().getByRole("link", { name: "Projects" }).click();
  await expect(page.getByRole("navigation", { name: "Breadcrumbs" })).toContainText("Identity");
  await expect(page.getByRole("navigation", { name: "Breadcrumbs" })).toContainText("Projects");
  await expect(page.getByTestId("projects-table")).toContainText("demo");
});

test("at 390 px the navigation folds into a menu", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await login(page, DEMO);
  await expect(page.locator("aside")).toBeHidden();
  const mobile = page.getByTestId("mobile-nav");
  await mobile.locator("summary").click();
  await mobile.getByRole("link", { name: "Projects" }).click();
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
  // Nothing spills sideways.
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await context.close();
});

test("security headers and cookie flags", async ({ page }) => {
  const response = await page.goto("/login");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  await hydrated(page);
  await login(page, DEMO);
  const session = (await page.context().cookies()).find((c) => c.name === "zenith_session");
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
  // The token never reaches the browser.
  const html = await page.content();
  expect(html).not.toMatch(/X-Subject-Token|"secret"/i);
});

test("a cross-site POST is refused", async ({ page, baseURL }) => {
  await login(page, DEMO);
  const response = await page.request.post("/api/logout", {
    headers: { Origin: "http://evil.example" },
  });
  expect(response.status()).toBe(403);
  // Still logged in.
  await page.goto("/project");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  expect(baseURL).toBeTruthy();
});
