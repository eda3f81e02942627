// `cachelab request|lint --provider openai` as a user runs them (the installed command).
import { describe, expect, it } from "vitest";
import { cachelab, tempJson } from "./cli-test-helpers";

const LONG = "Refund policy, the whole chapter. ".repeat(200);
const experiment = {
  system: [LONG],
  settings: { cache_instructions: "1h" },
  messages: [{ role: "user", content: [{ type: "text", text: "Hello" }, { type: "cache_point" }, { type: "text", text: "More" }] }],
};

describe("cachelab request --provider openai", () => {
  it("prints the Responses body, with what cannot be expressed on stderr", () => {
    const run = cachelab(["request", tempJson(experiment), "--provider", "openai"]);
    expect(run.code).toBe(0);
    const body = JSON.parse(run.stdout);
    expect(body.model).toBe("gpt-5.6-sol");
    expect(body.prompt_cache_options).toEqual({ mode: "implicit" });
    expect(body.input[0]).toEqual({ role: "developer", content: [{ type: "input_text", text: LONG, prompt_cache_breakpoint: { mode: "explicit" } }] });
    expect(body.input[1].content[0]).toEqual({ type: "input_text", text: "Hello", prompt_cache_breakpoint: { mode: "explicit" } });
    expect(run.stderr).toContain("developer message");
    expect(run.stderr).toContain("30 minutes");
  });

  it("names every target when --provider is wrong", () => {
    const run = cachelab(["request", tempJson(experiment), "--provider", "openia"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("anthropic, bedrock, vertex, foundry, openai");
  });
});

describe("cachelab lint --provider openai", () => {
  it("passes when every breakpoint it sends can cache", () => {
    const run = cachelab(["lint", tempJson(experiment), "--provider", "openai"]);
    expect(run.stdout).toContain("target openai");
    expect(run.stdout).toContain("implicit");
    expect(run.code).toBe(0);
  });

  it("fails when a breakpoint is not written: implicit mode writes only the latest three explicit ones (https://developers.openai.com/api/reference/resources/responses/methods/create)", () => {
    const four = {
      messages: [{ role: "user", content: ["a", "b", "c", "d"].flatMap((t) => [{ type: "text", text: `${t} ${LONG}` }, { type: "cache_point" }]) }],
    };
    const run = cachelab(["lint", tempJson(four), "--provider", "openai"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("FAIL: 1 breakpoint cache nothing");
    const json = cachelab(["lint", tempJson(four), "--provider", "openai", "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, target: "openai" });
    const explicit = cachelab(["lint", tempJson({ ...four, provider_options: { openai_cache_mode: "explicit" } }), "--provider", "openai"]);
    expect(explicit.code).toBe(0);
  });

  it("fails when a written breakpoint is below the 1,024-token minimum (https://developers.openai.com/api/docs/guides/prompt-caching#how-caching-works)", () => {
    const short = { messages: [{ role: "user", content: [{ type: "text", text: "tiny" }, { type: "cache_point" }, { type: "text", text: LONG }] }] };
    const run = cachelab(["lint", tempJson(short), "--provider", "openai"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("below the 1024-token minimum");
  });
});
