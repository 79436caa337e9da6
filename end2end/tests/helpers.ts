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

/** The demo cloud's URL when scripts/test pinned it (ZENITH_E2E_DEMOCLOUD_URL). */
export const DEMOCLOUD = process.env.ZENITH_E2E_DEMOCLOUD_URL;

/** A token of `user` scoped to the project of the same name, straight from
 *  the demo cloud's Keystone, and a lookup of its public endpoints. */
export async function democloudToken(user: { name: string; password: string }) {
  const res = await fetch(`${DEMOCLOUD}/v3/auth/tokens`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      auth: {
        identity: { methods: ["password"], password: { user: { name: user.name, domain: { name: "Default" }, password: user.password } } },
        scope: { project: { name: user.name, domain: { name: "Default" } } },
      },
    }),
  });
  if (res.status !== 201) throw new Error(`demo cloud login of ${user.name} answered ${res.status}`);
  const body = await res.json();
  const endpoint = (type: string): string =>
    body.token.catalog.find((s: { type: string }) => s.type === type).endpoints.find((e: { interface: string }) => e.interface === "public").url;
  return { id: res.headers.get("x-subject-token") ?? "", endpoint };
}
