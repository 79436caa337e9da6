import { expect, test } from "@playwright/test";
import { DEMO, hydrated } from "./helpers";

// These run against extra Zenith instances that scripts/test starts: one whose
// cloud is down, one whose tokens live a few seconds.
const unreachable = process.env.ZENITH_UNREACHABLE_URL;
const shortLived = process.env.ZENITH_SHORT_TTL_URL;

test("a cloud that is down gives a clear error at the login form, quickly", async ({ page }) => {
  test.skip(!unreachable, "ZENITH_UNREACHABLE_URL is not set (scripts/test sets it)");
  await page.goto(`${unreachable}/login`);
  await hydrated(page);
  await page.getByLabel(/user name/i).fill(DEMO.name);
  await page.getByLabel(/^password$/i).fill("whatever");
  const started = Date.now();
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("login-error")).toContainText("Cannot reach");
  expect(Date.now() - started).toBeLessThan(10_000);
  // What the user typed is still there.
  await expect(page.getByLabel(/user name/i)).toHaveValue(DEMO.name);
});

test("when the token expires the browser returns to the login page with a message", async ({ page }) => {
  test.skip(!shortLived, "ZENITH_SHORT_TTL_URL is not set (scripts/test sets it)");
  await page.goto(`${shortLived}/login`);
  await hydrated(page);
  await page.getByLabel(/user name/i).fill(DEMO.name);
  await page.getByLabel(/^password$/i).fill(DEMO.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/project$/);
  // Nobody clicks anything: the page itself notices the expiry.
  await expect(page).toHaveURL(/\/login\?reason=expired/, { timeout: 20_000 });
  await expect(page.getByText("Your session has expired. Please log in again.")).toBeVisible();
});
