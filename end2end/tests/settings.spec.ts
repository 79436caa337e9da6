import { expect, test } from "@playwright/test";
import { DEMO, hydrated, login, openMenu } from "./helpers";

test("settings are saved per browser and used for dates and language", async ({ page }) => {
  await login(page, DEMO);
  const menu = await openMenu(page, "user-menu");
  await menu.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  await hydrated(page);
  await page.getByLabel("Time zone").selectOption("Asia/Tokyo");
  await page.getByLabel("Items per page").selectOption("50");
  await page.getByLabel("Language", { exact: true }).selectOption("de");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("settings-saved")).toHaveText("Einstellungen gespeichert.");

  await page.reload();
  await expect(page.getByLabel("Zeitzone")).toHaveValue("Asia/Tokyo");
  await expect(page.getByLabel("Einträge pro Seite")).toHaveValue("50");
  await page.goto("/project");
  await expect(page.getByTestId("overview-expires")).toContainText("JST");
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === "page_size")?.value).toBe("50");
});

test("a bad value is refused at its field with a 400, not a crash", async ({ page }) => {
  await login(page, DEMO);
  const response = await page.request.post("/api/save_settings", {
    form: { language: "en", timezone: "Mars/Olympus", page_size: "20" },
    headers: { Accept: "application/json" },
  });
  expect(response.status()).toBe(400);
});
