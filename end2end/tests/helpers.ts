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
