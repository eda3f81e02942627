// `cachelab request` as a user runs it: body on stdout, errors with paths on stderr, exit codes.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { withoutNulls } from "@/lib/cache/test-factories";
import { CASES_2_33_DIR, CASES_DIR, cachelab, cachelabAsync, tempJson } from "./cli-test-helpers";

const experiment = {
  system: ["You are terse."],
  settings: { cache_instructions: "1h" },
  messages: [{ role: "user", content: [{ type: "text", text: "Hello" }, { type: "cache_point" }] }],
};

describe("cachelab request", () => {
  it("prints the Anthropic body for a file", () => {
    const run = cachelab(["request", tempJson(experiment)]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({
      model: "claude-sonnet-4-6",
      max_tokens: 4096,
      system: [{ type: "text", text: "You are terse.", cache_control: { type: "ephemeral", ttl: "1h" } }],
      messages: [{ role: "user", content: [{ text: "Hello", type: "text", cache_control: { type: "ephemeral", ttl: "5m" } }] }],
    });
  });

  it("reads stdin with - and honours --provider", () => {
    const run = cachelab(["request", "-", "--provider", "bedrock"], JSON.stringify(experiment));
    expect(run.code).toBe(0);
    const body = JSON.parse(run.stdout);
    expect(body.anthropic_version).toBe("bedrock-2023-05-31");
    expect(body.model).toBeUndefined();
    expect(run.stdout).not.toContain('"ttl"');
  });

  it("prints every validation error with its path on stderr and exits 1", () => {
    const run = cachelab(["request", "-"], JSON.stringify({ ...experiment, colour: "red", tools: [{ name: "t", input_schema: "nope" }] }));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("colour: unknown field");
    expect(run.stderr).toContain("tools[0].input_schema: must be a JSON object");
  });

  it("reports Pydantic AI's own CachePoint error", () => {
    const run = cachelab(["request", "-"], JSON.stringify({ messages: [{ role: "user", content: [{ type: "cache_point" }, { type: "text", text: "x" }] }] }));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("messages[0].content[0]: CachePoint cannot be the first content in a user message");
  });

  it("reports malformed JSON with a line and a missing file clearly", () => {
    const bad = cachelab(["request", "-"], '{\n "messages": [,]\n}');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("line 2, column 15");
    const missing = cachelab(["request", "/nonexistent/x.json"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no such file");
  });

  it("accepts a recorded case file as is, noting the fields it ignores", () => {
    const file = join(CASES_DIR, "bedrock_cachepoint_ttl_stripped.json");
    if (!existsSync(file)) return;
    const run = cachelab(["request", file]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("ignoring the test-case field expected");
    expect(JSON.parse(run.stdout).messages).toEqual(JSON.parse(readFileSync(file, "utf8")).expected.messages);
  });

  it("rejects a bad --provider with usage and exit 2", () => {
    const run = cachelab(["request", "x.json", "--provider", "azure"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--provider: expected one of anthropic, bedrock, vertex, foundry");
  });
});

// The recorded v2.33.0 cases (docs/reference/pydantic-ai-2.md; each names its `semantics`) through the
// command as a user runs it: the printed body carries exactly the recorded system, tools, messages and
// top-level cache_control, and an error case prints Pydantic AI's words on stderr and exits 1.
describe("cachelab request on the recorded Pydantic AI v2.33.0 cases", () => {
  const files = readdirSync(CASES_2_33_DIR).filter((f) => f.endsWith(".json")).sort();

  it("runs all of them", { timeout: 120_000 }, async () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    const runs = await Promise.all(files.map((f) => cachelabAsync(["request", join(CASES_2_33_DIR, f)])));
    runs.forEach((run, i) => {
      const file = files[i]!;
      const expected = JSON.parse(readFileSync(join(CASES_2_33_DIR, file), "utf8")).expected as Record<string, unknown>;
      if ("error" in expected) {
        expect(run.code, file).toBe(1);
        expect(run.stdout, file).toBe("");
        expect(run.stderr, file).toContain(expected.error as string);
        return;
      }
      expect(run.code, `${file}: ${run.stderr}`).toBe(0);
      const body = JSON.parse(run.stdout) as Record<string, unknown>;
      for (const key of ["system", "tools", "messages", "cache_control"]) expect(withoutNulls(body[key]), `${file}: ${key}`).toEqual(withoutNulls(expected[key]));
    });
  });
});
