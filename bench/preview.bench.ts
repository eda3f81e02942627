// `npm run bench`: the time from an edit to an updated live preview for a 150k-token, 200-block
// experiment, measured in Chromium against a production build this script builds and serves on a
// free port, as a ratio to JSON.stringify(body, null, 2) of the same request in the same page (the
// least any preview of the body must do). Target: within one 16 ms frame.
// "Painted" waits for the frame that shows the change (requestAnimationFrame, then a task), and
// Chromium draws a frame every 16.7 ms: an edit made just after a frame is painted ~17-19 ms later
// even when it costs nothing. The bench prints that floor (a free DOM change, same wait), the time
// at which the preview is in the DOM, and how many rounds were painted in the first frame.
// Run: npx tsx bench/preview.bench.ts   (BENCH_SKIP_BUILD=1 reuses an existing .next build)
import { chromium } from "playwright-core";
import { CHROMIUM, buildApp, median, startApp } from "./support/serve";

const ROUNDS = 15;
const STRINGIFY_ROUNDS = 30;
const STORAGE_KEY = "cachelab:experiments";

const SENTENCE = "The ingestion service retries a failed upload three times with exponential backoff before it alerts the on-call engineer. ";

/** 100 turns of two text blocks each: 200 blocks, ≈150k tokens by the shared estimator. */
function bigExperiment() {
  const block = (i: number) => ({ type: "text", text: `Part ${i}. ` + SENTENCE.repeat(27) });
  const messages = Array.from({ length: 100 }, (_, m) => ({ role: m % 2 === 0 ? "user" : "assistant", content: [block(2 * m), block(2 * m + 1)] }));
  return {
    format: "cachelab.experiment.v1",
    name: "Bench: 150k tokens, 200 blocks",
    provider: "anthropic",
    model: "claude-sonnet-4-6",
    max_tokens: 4096,
    provider_options: { bedrock_ttl: "omit" },
    settings: { cache_instructions: false, cache_tool_definitions: false, cache_messages: "5m" },
    system: ["You summarise long transcripts."],
    tools: [],
    output_tools: [],
    builtin_tools: [],
    messages,
  };
}

buildApp();
const app = await startApp();
const url = app.url;

try {
  const browser = await chromium.launch(CHROMIUM);
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const experiment = bigExperiment();
  const library = { state: { experiments: { bench: { id: "bench", experiment, createdAt: 0, updatedAt: 0 } }, order: ["bench"], activeId: "bench" }, version: 1 };
  // tsx compiles with keepNames, so functions sent to the page call esbuild's __name helper.
  await page.addInitScript({ content: "globalThis.__name = (fn) => fn;" });
  await page.addInitScript(([key, value]) => localStorage.setItem(key!, value!), [STORAGE_KEY, JSON.stringify(library)]);
  await page.goto(url);
  await page.locator("html[data-hydrated='true']").waitFor();
  const region = page.getByRole("region", { name: "Request JSON" });
  await region.filter({ hasText: "Part 199." }).waitFor();

  const stats = await page.evaluate(async ({ rounds, stringifyRounds }) => {
    const region = document.querySelector<HTMLElement>("[aria-label='Request JSON']")!;
    const nextPaint = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    /**
     * Resolves after the frame that shows the preview's text satisfying `done`, with the moment the
     * text was first seen in the DOM (before that frame).
     */
    const until = (done: (text: string) => boolean) =>
      new Promise<number>((resolve) => {
        const settle = () => {
          const seenAt = performance.now();
          void nextPaint().then(() => resolve(seenAt));
        };
        if (done(region.textContent ?? "")) return settle();
        const observer = new MutationObserver(() => {
          if (!done(region.textContent ?? "")) return;
          observer.disconnect();
          settle();
        });
        observer.observe(region, { childList: true, characterData: true, subtree: true });
      });

    // Counts frames, so each round can tell whether its change was painted in the first frame after it.
    let frame = 0;
    const tick = () => {
      frame++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const firstFrame = { setting: 0, text: 0, floor: 0 };

    // The harness's own floor: the same wait for the next painted frame after a change that costs
    // nothing (one text node, no React). Frames come every 16.7 ms, so no edit can measure below it.
    const probe = document.body.appendChild(document.createElement("span"));
    probe.setAttribute("aria-hidden", "true");
    const floor: number[] = [];
    for (let i = 0; i < rounds; i++) {
      await nextPaint();
      const start = performance.now();
      const f0 = frame;
      probe.textContent = String(i);
      await nextPaint();
      floor.push(performance.now() - start);
      if (frame - f0 === 1) firstFrame.floor++;
    }
    probe.remove();
    await nextPaint();

    const select = [...document.querySelectorAll("select")].find((s) => document.querySelector(`label[for='${s.id}']`)?.textContent === "Cache messages")!;
    const textarea = document.querySelector<HTMLTextAreaElement>("textarea[aria-label='Text, message 100 block 2']")!;
    const settingEdit: number[] = [];
    const textEdit: number[] = [];
    const settingDom: number[] = [];
    const textDom: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const ttl = i % 2 === 0 ? "1h" : "5m";
      let start = performance.now();
      let f0 = frame;
      select.value = ttl;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      settingDom.push((await until((t) => t.includes(`"ttl": "${ttl}"`))) - start);
      settingEdit.push(performance.now() - start);
      if (frame - f0 === 1) firstFrame.setting++;

      const marker = ` edit-${i}`;
      textarea.focus();
      textarea.value += marker;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
      start = performance.now();
      f0 = frame;
      textarea.blur(); // commits the edit (typing itself never waits for the preview)
      textDom.push((await until((t) => t.includes(marker))) - start);
      textEdit.push(performance.now() - start);
      if (frame - f0 === 1) firstFrame.text++;
      await nextPaint();
    }
    const body: unknown = JSON.parse(region.textContent ?? "null");
    const stringify: number[] = [];
    let length = 0;
    for (let i = 0; i < stringifyRounds; i++) {
      const start = performance.now();
      length = JSON.stringify(body, null, 2).length;
      stringify.push(performance.now() - start);
    }
    return { settingEdit, textEdit, settingDom, textDom, floor, firstFrame, stringify, length };
  }, { rounds: ROUNDS, stringifyRounds: STRINGIFY_ROUNDS });

  const tokensLine = await page.getByText(/Input only, ≈[\d,]+ tokens/).textContent();
  await browser.close();

  const s = median(stats.stringify);
  const setting = median(stats.settingEdit);
  const text = median(stats.textEdit);
  console.log(`experiment: 200 blocks, ${tokensLine?.match(/≈[\d,]+ tokens/)?.[0] ?? "?"}, body ${(stats.length / 1024).toFixed(0)} KiB`);
  console.log(`JSON.stringify(body, null, 2) in the page: median ${s.toFixed(2)} ms over ${STRINGIFY_ROUNDS}`);
  console.log(`setting edit → preview painted: median ${setting.toFixed(1)} ms (${(setting / s).toFixed(1)}× stringify) over ${ROUNDS}`);
  console.log(`text edit (commit) → preview painted: median ${text.toFixed(1)} ms (${(text / s).toFixed(1)}× stringify) over ${ROUNDS}`);
  console.log(`  in the DOM (before the frame that paints it): setting ${median(stats.settingDom).toFixed(1)} ms, text ${median(stats.textDom).toFixed(1)} ms`);
  console.log(`  harness floor (a free DOM change, same wait for the painted frame): median ${median(stats.floor).toFixed(1)} ms`);
  const { firstFrame } = stats;
  console.log(`  painted in the first frame after the edit: setting ${firstFrame.setting}/${ROUNDS}, text ${firstFrame.text}/${ROUNDS} (free change ${firstFrame.floor}/${ROUNDS})`);
  // "Within one frame" is judged on the work the edit causes (preview in the DOM), since the painted
  // time also holds the wait for the next vsync that even a free change pays (the floor above).
  const inDom = Math.max(median(stats.settingDom), median(stats.textDom));
  console.log(
    `target: within one 16 ms frame — preview in the DOM after ${inDom.toFixed(1)} ms: ${inDom <= 16 ? "met" : "not met"}; ` +
      `painted in the first frame in ${firstFrame.setting + firstFrame.text}/${2 * ROUNDS} rounds`,
  );
} finally {
  app.stop();
}
