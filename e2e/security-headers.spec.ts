// No page may frame CacheLab (issue 8 item 5, docs/security.md §6): every response of the production
// server says so, and Chromium indeed refuses to show the app inside another page's frame, so a click
// on Run cannot be stolen.
import { expect, test } from "@playwright/test";
import { actionIds, actionRequest } from "./support/actions";

const FRAMING = { "content-security-policy": "frame-ancestors 'none'", "x-frame-options": "DENY" };

test("every kind of response forbids framing: the page, a static asset, a 404, an action, a refusal", async ({ request, baseURL }) => {
  const page = await request.get("/");
  const asset = /\/_next\/static\/[^"]+\.js/.exec(await page.text())?.[0];
  expect(asset).toBeTruthy();
  const action = actionRequest(baseURL!, actionIds().getRunEnvironmentAction, []);
  const responses = [
    page,
    await request.get(asset!),
    await request.get("/no-such-page"),
    await request.post("/", { headers: action.headers, data: action.body }),
    await request.post("/", { headers: { ...action.headers, "content-type": "application/x-www-form-urlencoded" }, data: "a=1" }),
  ];
  expect(responses.map((r) => r.status())).toEqual([200, 200, 404, 200, 415]);
  for (const r of responses) expect(r.headers()).toMatchObject(FRAMING);
});

test("Chromium does not show the app inside another page's frame", async ({ page, baseURL }) => {
  const blocked: string[] = [];
  page.on("console", (m) => {
    if (/frame-ancestors|X-Frame-Options|Refused to display/i.test(m.text())) blocked.push(m.text());
  });
  await page.setContent(`<iframe id="app" src="${baseURL}/" width="800" height="600"></iframe>`);
  await expect.poll(() => blocked.length).toBeGreaterThan(0);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  // The frame holds Chromium's error page, never the app's heading or its Run button.
  await expect(page.frameLocator("#app").getByRole("button", { name: "Run", exact: true })).toHaveCount(0);
  expect(frame ? await frame.evaluate(() => document.title).catch(() => "") : "").not.toContain("CacheLab");
});
