// Runs on the emulator, explained as the history shows them: the explanation uses the preview's words
// and paths (issue 9 items 3 and 4, audit M3 and m2), and every "Select block" lands on the block the
// experiment holds for what was sent.
import { describe, expect, it } from "vitest";
import { buildRequest } from "@/lib/cache/build-request";
import type { Experiment } from "@/lib/cache/experiment-schema";
import { requestPathLabel } from "@/lib/cache/paths";
import { createEmulator } from "@/lib/emulator/transport";
import { runExperiment } from "@/lib/providers/run-experiment";
import { describeEffect, explainRun, isWorthALine } from "./explain";
import { LONG_TEXT, experiment } from "./testing/factories";
import type { RunRecord } from "./types";

async function runTwice(exp: Experiment): Promise<[RunRecord, RunRecord]> {
  const emulator = createEmulator({ latencyScale: 0 });
  const send = async (number: number): Promise<RunRecord> => {
    const sent = await runExperiment(exp, { transport: "emulated" }, { emulator });
    if (!sent.ok) throw new Error(sent.error.message);
    return { ...sent.value, id: String(number), experimentId: "e", seriesId: "s", number, variant: "A", label: "A", parallel: false };
  };
  const first = await send(1);
  return [first, await send(2)];
}

const lines = (run: RunRecord, previous?: RunRecord) => explainRun(run, previous).effects.filter(isWorthALine).map(describeEffect);

describe("a marker overwritten by Cache messages (audit M3)", () => {
  // The audit's reproduction: one CachePoint after the question, and Cache messages on the same block.
  const exp = experiment({
    settings: { cache_messages: "5m" },
    system: [LONG_TEXT.slice(0, 7000)],
    messages: [{ role: "user", content: [{ type: "text", text: "Question one?" }, { type: "cache_point" }] }],
  });

  it("is overwritten in the preview, with 1 of 4 slots used", () => {
    const built = buildRequest(exp);
    if (!built.ok) throw new Error(built.error.message);
    expect(built.value.analysis.keptCount).toBe(1);
    expect(built.value.analysis.breakpoints.map((b) => b.status).sort()).toEqual(["kept", "overwritten"]);
  });

  it("is listed once per run, with what the cache did, and the limit is never named", async () => {
    const [first, second] = await runTwice(exp);
    const written = first.usage!.cacheWrite5m;
    expect(written).toBeGreaterThan(1024);
    const overwritten = "CachePoint at experiment messages[0].content[1]: overwritten by the Cache messages setting";
    expect(lines(first)).toEqual([`request messages[0].content[0] (5m): wrote ${written.toLocaleString("en-US")}; ${overwritten}`]);
    expect(lines(second, first)).toEqual([`request messages[0].content[0] (5m): read ${written.toLocaleString("en-US")}; ${overwritten}`]);
    for (const line of [...lines(first), ...lines(second, first)]) expect(line).not.toMatch(/limit|not sent/);
  });
});

describe("block paths (audit m2)", () => {
  it("names a block after a marker as the preview does, and selects it where the experiment holds it", async () => {
    // 26 blocks after a marker: sent as content[25], held by the experiment as content[26].
    const texts = Array.from({ length: 26 }, (_, i) => ({ type: "text", text: `Paragraph ${i}: ${LONG_TEXT.slice(0, 300)}` }));
    const exp = experiment({
      settings: { cache_messages: "5m" },
      messages: [{ role: "user", content: [texts[0], { type: "cache_point" }, ...texts.slice(1)] }],
    });
    const built = buildRequest(exp);
    if (!built.ok) throw new Error(built.error.message);
    const setting = built.value.analysis.breakpoints.find((b) => b.id === "setting:cache_messages")!;
    expect(setting.landedAt).toMatchObject({ path: "messages[0].content[25]", documentPath: "messages[0].content[26]" });

    const [first] = await runTwice(exp);
    // The line of the run's explanation for that block starts with the preview's label for it.
    expect(lines(first)).toContainEqual(expect.stringMatching(/^request messages\[0\]\.content\[25\] \(5m\): wrote \d/));
    expect(requestPathLabel(setting.landedAt!.path)).toBe("request messages[0].content[25]");
    const block = first.blocks.find((b) => b.path === setting.landedAt!.path)!;
    expect(block.focusPath).toBe("messages[0].content[26]");
  });
});

describe("Select block lands on the block the experiment holds for what was sent", () => {
  const tool = (name: string, description: string) => ({ name, description, input_schema: { type: "object" } });

  async function focusPaths(exp: Experiment): Promise<Record<string, string | undefined>> {
    const [first] = await runTwice(exp);
    return Object.fromEntries(first.blocks.map((b) => [b.path, b.focusPath]));
  }

  it("with de-duplicated tools: the definition sent is the last one of that name", async () => {
    const exp = experiment({ tools: [tool("search", "v1"), tool("search", "v2"), tool("fetch", "F")], settings: { cache_tool_definitions: true } });
    expect(await focusPaths(exp)).toMatchObject({ "tools[0]": "tools[1]", "tools[1]": "tools[2]" });
  });

  it("with an output tool of a function tool's name", async () => {
    const exp = experiment({ tools: [tool("final", "F"), tool("fetch", "G")], output_tools: [tool("final", "O")] });
    expect(await focusPaths(exp)).toMatchObject({ "tools[0]": "output_tools[0]", "tools[1]": "tools[1]" });
  });

  it("with the memory builtin, which takes the place of the function tool named memory", async () => {
    const exp = experiment({ tools: [tool("memory", "M"), tool("notes", "N")], builtin_tools: ["memory"] });
    expect(await focusPaths(exp)).toMatchObject({ "tools[0]": "tools[1]", "tools[1]": "builtin_tools[0]" });
  });

  it("with instruction parts, each its own system block from Pydantic AI 1.77 on (docs/reference/pydantic-ai-2.md §2.5)", async () => {
    const exp = experiment({ semantics: "pydantic-ai@2.33", instructions: [{ text: "Dynamic today.", dynamic: true }, { text: "Static rules." }] });
    // Static parts first: the system prompt, then instructions[1] (static), then instructions[0].
    expect(await focusPaths(exp)).toMatchObject({ "system[0]": "system[0]", "system[1]": "instructions[1]", "system[2]": "instructions[0]" });
  });

  it("with empty system parts before the first one that has text", async () => {
    const exp = experiment({ system: ["", LONG_TEXT] });
    expect(await focusPaths(exp)).toMatchObject({ "system[0]": "system[1]" });
  });

  it("names the changed block of a miss where the experiment holds it", async () => {
    const settings = { cache_instructions: true, cache_tool_definitions: true };
    const before = experiment({ tools: [tool("search", "v1"), tool("search", "v2"), tool("fetch", "F")], settings });
    const after = experiment({ tools: [tool("search", "v1"), tool("search", "v2"), tool("fetch", "changed")], settings });
    const emulator = createEmulator({ latencyScale: 0 });
    const record = async (exp: Experiment, number: number): Promise<RunRecord> => {
      const sent = await runExperiment(exp, { transport: "emulated" }, { emulator });
      if (!sent.ok) throw new Error(sent.error.message);
      return { ...sent.value, id: String(number), experimentId: "e", seriesId: "s", number, variant: "A", label: "A", parallel: false };
    };
    const first = await record(before, 1);
    const second = await record(after, 2);
    const explained = explainRun(second, first);
    expect(explained.cause?.kind).toBe("prefix-changed");
    expect(explained.causeText).toContain("request tools[1]");
    expect(explained.blockPath).toBe("tools[2]");
  });
});
