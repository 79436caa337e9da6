import { expect, test, type Page } from "@playwright/test";
import { DEMO, hydrated, login, openMenu, DEMOCLOUD, democloudToken as token } from "./helpers";

// Project → Overview charts (issue 7): the quota donuts against Nova's own
// numbers, the usage per day as a chart, a table and CSV, and both in German.

/** `YYYY-MM-DD` of a UTC day (the session's time zone is UTC unless set). */
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The last three days up to today, as the usage form takes them. */
function lastThreeDays() {
  const today = new Date();
  const start = new Date(today.getTime() - 2 * 24 * 3600 * 1000);
  return { start: isoDay(start), end: isoDay(today), days: [-2, -1, 0].map((o) => new Date(today.getTime() + o * 24 * 3600 * 1000)) };
}

async function openUsage(page: Page, start: string, end: string) {
  await page.goto(`/project?usage_start=${start}&usage_end=${end}`);
  await expect(page.getByTestId("usage-chart")).toBeVisible();
  await hydrated(page);
}

async function downloadText(page: Page, testId: string) {
  const download = page.waitForEvent("download");
  await page.getByTestId(testId).click();
  const file = await download;
  const chunks = await (await file.createReadStream()).toArray();
  return { name: file.suggestedFilename(), text: Buffer.concat(chunks).toString("utf8") };
}

test.describe("project overview charts", () => {
  test("the instance, vCPU and RAM donuts show Nova's quota numbers", async ({ page }) => {
    if (!DEMOCLOUD) {
      console.log("skipped: ZENITH_E2E_DEMOCLOUD_URL is not set, so Nova's limits cannot be read directly");
    }
    test.skip(!DEMOCLOUD, "needs ZENITH_E2E_DEMOCLOUD_URL (scripts/test sets it)");
    const demo = await token(DEMO);
    const res = await fetch(`${demo.endpoint("compute")}/limits`, { headers: { "X-Auth-Token": demo.id } });
    expect(res.status).toBe(200);
    const absolute = (await res.json()).limits.absolute;
    await login(page, DEMO);
    const n = (x: number) => x.toLocaleString("en-US");
    const expected = (used: number, limit: number, unit = "") => {
      const u = unit ? ` ${unit}` : "";
      return limit < 0 ? `${n(used)}${u} used, no limit` : `${n(used)}${u} of ${n(limit)}${u} used`;
    };
    const donut = (key: string) => page.locator(`[data-testid="quota-chart"][data-key="${key}"]`);
    await expect(donut("quota-instances").getByTestId("quota-text")).toHaveText(
      expected(absolute.totalInstancesUsed, absolute.maxTotalInstances),
    );
    await expect(donut("quota-vcpus").getByTestId("quota-text")).toHaveText(expected(absolute.totalCoresUsed, absolute.maxTotalCores));
    await expect(donut("quota-ram").getByTestId("quota-text")).toHaveText(
      expected(absolute.totalRAMUsed, absolute.maxTotalRAMSize, "MiB"),
    );
    // Each donut is described by its caption for screen readers.
    for (const key of ["quota-instances", "quota-vcpus", "quota-ram"]) {
      const img = donut(key).locator("[role=img]");
      await expect(img.locator("svg")).toBeVisible();
      const caption = await img.getAttribute("aria-labelledby");
      await expect(page.locator(`#${caption}`)).toContainText(/used/);
    }
    // The demo cloud has Swift (bytes in binary units, usually no quota) but no Cinder.
    await expect(donut("quota-object-bytes").getByTestId("quota-text")).toHaveText(
      /^[\d.,]+ (B|KiB|MiB|GiB|TiB)( used, no limit| of [\d.,]+ (B|KiB|MiB|GiB|TiB) used)$/,
    );
    await expect(donut("quota-volumes")).toHaveCount(0);
  });

  test("usage per day: a chart, the same days as a table, and CSV downloads", async ({ page }) => {
    await login(page, DEMO);
    const { start, end, days } = lastThreeDays();
    await openUsage(page, start, end);
    const chart = page.getByTestId("usage-chart");
    const img = chart.locator("[role=img]");
    await expect(img.locator("svg")).toBeVisible();
    await expect(img).toHaveAttribute("aria-labelledby", "usage-chart-title");
    await expect(page.locator("#usage-chart-title")).toHaveText("Usage per day");
    await expect(page.locator("#usage-chart-description")).toContainText("each of 3 days");
    // The axis has the days as en-US writes them, the legend the series.
    const svg = img.locator("svg");
    const short = (d: Date) => `${d.getUTCMonth() + 1}/${d.getUTCDate()}`;
    for (const d of days) {
      await expect(svg).toContainText(short(d));
    }
    await expect(svg).toContainText("vCPU hours");

    await chart.getByTestId("usage-days-as-table").check();
    const table = chart.getByTestId("usage-days-table");
    await expect(table).toBeVisible();
    await expect(img).toBeHidden();
    await expect(table.getByTestId("usage-day-row")).toHaveCount(3);
    const long = (d: Date) => `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
    await expect(table.getByTestId("usage-day-row").first()).toContainText(long(days[0]));
    await expect(table.getByTestId("usage-day-row").last().locator("td").first()).toHaveText(/^[\d,]+\.\d$/);

    const perDay = await downloadText(page, "usage-days-csv");
    expect(perDay.name).toBe(`usage-${start}-${end}.csv`);
    const lines = perDay.text.split("\r\n").filter((l) => l !== "");
    expect(lines[0]).toBe("Day,vCPU hours,RAM GiB hours,Disk GiB hours");
    expect(lines).toHaveLength(1 + 3);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(days.map(isoDay));
    // Plain numbers that spreadsheets read, and some use while servers run.
    for (const line of lines.slice(1)) {
      expect(line).toMatch(/^\d{4}-\d\d-\d\d(,\d+(\.\d+)?){3}$/);
    }
    expect(lines.slice(1).some((l) => Number(l.split(",")[1]) > 0)).toBe(true);

    const rows = await page.getByTestId("usage-row").count();
    expect(rows).toBeGreaterThan(0);
    const perInstance = await downloadText(page, "usage-instances-csv");
    expect(perInstance.name).toBe(`usage-instances-${start}-${end}.csv`);
    const instanceLines = perInstance.text.split("\r\n").filter((l) => l !== "");
    expect(instanceLines[0]).toBe("Name,Flavor,vCPUs,RAM (MiB),Root disk (GiB),Hours,State");
    expect(instanceLines).toHaveLength(1 + rows);
  });

  test("a period longer than 366 days is refused at the start field", async ({ page }) => {
    await login(page, DEMO);
    await page.goto("/project?usage_start=2020-01-01&usage_end=2021-12-31");
    await expect(page.locator("#usage-start-error")).toHaveText("Choose a period of at most 366 days.");
  });

  test("in German the charts' labels, numbers and days are German", async ({ page }) => {
    await login(page, DEMO);
    const { start, end, days } = lastThreeDays();
    await openUsage(page, start, end);
    const menu = await openMenu(page, "user-menu");
    await menu.getByTestId("language-picker").selectOption("de");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");

    const check = async () => {
      const instances = page.locator('[data-testid="quota-chart"][data-key="quota-instances"]');
      await expect(instances).toContainText("Instanzen");
      await expect(instances.getByTestId("quota-text")).toHaveText(/^[\d.]+ von [\d.]+ verwendet$/);
      await expect(page.locator('[data-testid="quota-chart"][data-key="quota-object-bytes"]')).toContainText("Objektspeicher");
      await expect(page.locator("#usage-chart-title")).toHaveText("Nutzung pro Tag");
      await expect(page.locator("#usage-chart-description")).toContainText("an jedem von 3 Tagen");
      const svg = page.getByTestId("usage-chart").locator("[role=img] svg");
      await expect(svg).toContainText("vCPU-Stunden");
      await expect(svg).toContainText("RAM-GiB-Stunden");
      for (const d of days) {
        await expect(svg).toContainText(`${d.getUTCDate()}.${d.getUTCMonth() + 1}.`);
      }
      await expect(page.getByTestId("usage-days-as-table").locator("..")).toContainText("Als Tabelle zeigen");
      await expect(page.getByTestId("usage-days-csv")).toHaveText("Nutzung pro Tag herunterladen (CSV)");
    };
    // At once in the browser, and rendered so by the server after a reload.
    await check();
    await page.reload();
    await check();
    await hydrated(page);

    await page.getByTestId("usage-days-as-table").check();
    const first = page.getByTestId("usage-day-row").first();
    await expect(first).toContainText(`${days[0].getUTCDate()}.${days[0].getUTCMonth() + 1}.${days[0].getUTCFullYear()}`);
    await expect(first.locator("td").first()).toHaveText(/^[\d.]+,\d$/);
    await page.getByTestId("quota-as-table").check();
    await expect(page.getByTestId("quota-table").locator('tr[data-key="quota-ram"]')).toContainText(/[\d.]+ MiB/);
    // CSV headers are translated; the numbers stay plain.
    const perDay = await downloadText(page, "usage-days-csv");
    const lines = perDay.text.split("\r\n").filter((l) => l !== "");
    expect(lines[0]).toBe("Tag,vCPU-Stunden,RAM-GiB-Stunden,Festplatten-GiB-Stunden");
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\d(,\d+(\.\d+)?){3}$/);
  });
});
