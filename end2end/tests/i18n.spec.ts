import { expect, test } from "@playwright/test";
import { DEMO, hydrated, login, openMenu } from "./helpers";

test("Accept-Language picks the language of the first page", async ({ browser }) => {
  const context = await browser.newContext({ locale: "ja-JP" });
  const page = await context.newPage();
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("クラウドにログイン");
  await context.close();
});

test("the language picker changes visible text and is remembered", async ({ page }) => {
  await page.goto("/login");
  await hydrated(page);
  await page.getByTestId("language-picker").selectOption("de");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bei Ihrer Cloud anmelden");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  // The cookie carries it to the next page load, rendered on the server.
  await page.reload();
  await expect(page.getByRole("button", { name: "Anmelden" })).toBeVisible();
  await hydrated(page);
  await page.getByTestId("language-picker").selectOption("en");
  await expect(page.getByRole("button", { name: "Log in" })).toBeVisible();
});

test("the user menu switches the language of the whole shell", async ({ page }) => {
  await login(page, DEMO);
  const menu = await openMenu(page, "user-menu");
  await menu.getByTestId("language-picker").selectOption("zh-CN");
  await expect(page.getByRole("heading", { name: "概览" })).toBeVisible();
  await expect(page.getByTestId("side-nav").first()).toContainText("项目");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});
