import { expect, type Page } from "@playwright/test";

export const ADMIN = { name: "admin", password: process.env.ZENITH_E2E_ADMIN_PASSWORD ?? "admin" };
export const DEMO = { name: "demo", password: process.env.ZENITH_E2E_DEMO_PASSWORD ?? "demo" };

/** Waits until the WASM has hydrated the page, so clicks reach Leptos. */
export async function hydrated(page: Page) {
  await expect(page.locator("body[data-hydrated]")).toHaveCount(1, { timeout: 20_000 });
}

export async function login(page: Page, user: { name: string; password: string }) {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel(/user name/i).fill(user.name);
  await page.getByLabel(/^password$/i).fill(user.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/project$/);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

/** Opens one of the header's menus (a <details> element). */
export async function openMenu(page: Page, testId: string) {
  const menu = page.getByTestId(testId);
  await menu.locator("summary").click();
  await expect(menu).toHaveAttribute("open", "");
  return menu;
}

/** Creates a flavor through the form and waits for its page. */
export async function createFlavor(page: Page, name: string, vcpus: number) {
  await page.goto("/admin/flavors");
  await hydrated(page);
  await page.getByTestId("flavor-create").locator("summary").click();
  await page.getByTestId("flavor-new-name").fill(name);
  await page.getByTestId("flavor-new-vcpus").fill(String(vcpus));
  await page.getByTestId("flavor-new-ram").fill("512");
  await page.getByTestId("flavor-new-disk").fill("1");
  await page.getByTestId("flavor-create-submit").click();
  await expect(page).toHaveURL(/\/admin\/flavors\/[^/]+$/);
  await expect(page.getByTestId("flavor-name")).toHaveText(name);
  await hydrated(page);
}

export async function deleteFlavor(page: Page, name: string) {
  await page.goto("/admin/flavors");
  await hydrated(page);
  const row = page.getByTestId("flavor-row").filter({ hasText: name });
  await row.getByTestId("flavor-delete").click();
  await expect(page.getByTestId("confirm-panel")).toContainText(`Delete the flavor ${name}? No instance uses it.`);
  await page.getByTestId("confirm-yes").click();
  await expect(page.getByTestId("flavor-row").filter({ hasText: name })).toHaveCount(0);
}
