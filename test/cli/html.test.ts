// page.evaluate() callbacks run in the browser: the DOM types for them.
/// <reference lib="dom" />
/**
 * `--format html` renders in a real browser: Debian's Chromium, headless, driven by playwright-core. The page must
 * show the right numbers of files and changes, fetch nothing, filter by file and confidence and move between changes
 * with the keyboard. Stand-in engine (confidence 1 for "{word}", 0.9 for "mentioned").
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempTree } from "./helpers/run.js";

const CHROMIUM = "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const available = existsSync(CHROMIUM);
if (!available) console.warn(`html.test.ts: skipped, ${CHROMIUM} is missing (install Debian's chromium: apt-get install -y chromium)`);

describe.skipIf(!available)("--format html in headless Chromium", () => {
  type Browser = import("playwright-core").Browser;
  let browser: Browser;
  let url: string;
  let requests: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    const dir = tempTree({
      "a.txt": "The chief mentioned the plan. It cost ten {dollars}.\nShe mentioned it {again}.\n",
      "b/c.md": "# Title\n\nHe mentioned <script>alert(1)</script> it.\n",
      "clean.txt": "Nothing to change here.\n",
      "d.html": "<p>They {left} early &amp; {quickly}.</p>\n",
    });
    const r = await runCli(["--format", "html", "."], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^<!doctype html>/);
    // Self-contained: nothing refers to another resource.
    expect(r.out).not.toMatch(/<link\b|\bsrc=|url\(|@import|https?:\/\//i);
    const file = join(dir, "review.html");
    writeFileSync(file, r.stdout);
    url = pathToFileURL(file).href;
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function open() {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    requests = [];
    page.on("request", (req) => requests.push(req.url()));
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(url);
    return page;
  }

  it("shows the numbers of files and changes, and every change", async () => {
    const page = await open();
    expect(await page.locator("#count-files").innerText()).toBe("4");
    expect(await page.locator("#count-changed").innerText()).toBe("3");
    expect(await page.locator("#count-changes").innerText()).toBe("7");
    expect(await page.locator("#summary").isVisible()).toBe(true);
    const box = await page.locator("#summary").boundingBox();
    expect(box!.y).toBeLessThan(200); // at the top of the page, not pushed off screen
    expect(await page.locator("li.change:visible").count()).toBe(7);
    expect(await page.locator("section.file h2").allInnerTexts()).toEqual(["a.txt 4 changes", "b/c.md 1 change", "d.html 2 changes"]);
    const first = page.locator("li.change").first();
    expect(await first.locator(".where").innerText()).toBe("a.txt:1:11");
    expect(await first.locator(".confidence").innerText()).toBe("90%");
    expect(await first.locator(".entry").innerText()).toBe("signature:mentioned→said");
    expect(await first.locator(".context del").innerText()).toBe("mentioned");
    expect(await first.locator(".context ins").innerText()).toBe("said");
    // Text from the files is shown, never run; nothing was fetched but the page itself.
    expect(await page.locator("section.file", { hasText: "b/c.md" }).locator(".context").innerText()).toContain("<script>alert(1)</script>");
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  });

  it("filters by confidence and by file", async () => {
    const page = await open();
    await page.selectOption("#confidence-filter", "0.95");
    expect(await page.locator("li.change:visible").count()).toBe(4); // the braces, confidence 1
    expect(await page.locator("#showing").innerText()).toBe("Showing 4 of 7.");
    expect(await page.locator("section.file:visible h2").allInnerTexts()).toEqual(["a.txt 4 changes", "d.html 2 changes"]);
    await page.selectOption("#confidence-filter", "0");
    await page.selectOption("#file-filter", { label: "d.html (2)" });
    expect(await page.locator("li.change:visible .where").allInnerTexts()).toEqual(["d.html:1:9", "d.html:1:28"]);
    expect(await page.locator("#showing").innerText()).toBe("Showing 2 of 7.");
    await page.close();
  });

  it("moves between changes and files with the keyboard", async () => {
    const page = await open();
    const current = () => page.locator("li.change.current .where").innerText();
    await page.keyboard.press("j");
    expect(await current()).toBe("a.txt:1:11");
    await page.keyboard.press("j");
    expect(await current()).toBe("a.txt:1:43");
    await page.keyboard.press("k");
    expect(await current()).toBe("a.txt:1:11");
    await page.keyboard.press("n");
    expect(await current()).toBe("b/c.md:3:4");
    await page.keyboard.press("n");
    expect(await current()).toBe("d.html:1:9");
    await page.keyboard.press("p");
    expect(await current()).toBe("b/c.md:3:4");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("current"))).toBe(true);
    await page.keyboard.press("c");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("confidence-filter");
    await page.close();
  });
});
