// The exported Gemini code sends exactly the target's two calls: the curl bodies are parsed back (REST shapes:
// the model as "models/…", maxOutputTokens in generationConfig), the TypeScript is run against `cachelab emulate`
// (the SDK reads GOOGLE_GEMINI_BASE_URL and GEMINI_API_KEY), the Python names every param.
import { execFile, execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { experiment, text, user } from "@/lib/cache/test-factories";
import { buildTargetRequest } from "@/lib/vendors/build-target";
import type { GeminiBody } from "@/lib/vendors/gemini-wire";
import { geminiCurlCommand, geminiPythonCode, geminiTypescriptCode } from "./gemini-code";
import { exportedCodeSandbox } from "./testing/run-exported";

const LONG = "It's JSON: 'q' $HOME `x` ".repeat(600);
const build = (settings: Record<string, unknown>) => {
  const built = buildTargetRequest(experiment({ semantics: "pydantic-ai@2.33", model: "gemini-2.5-flash", settings, system: [LONG], messages: [user(text("Hi\nJSON"))] }), "gemini");
  if (!built.ok) throw new Error(built.error.message);
  return built.value.body as GeminiBody;
};
const cached = build({ cache_instructions: true });
const plain = build({});

describe("Gemini export", () => {
  it("curl creates the cache object, then generates with its name; both bodies through quoted heredocs", () => {
    const command = geminiCurlCommand(cached);
    const bodies = [...command.matchAll(/--data-binary @-[^\n]*\n([\s\S]*?)\n(JSON_*)(?:\n|$)/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toEqual({ model: "models/gemini-2.5-flash", ...cached.createCache!.config });
    expect(bodies[1]).toEqual({ contents: cached.generateContent.contents, cachedContent: cached.generateContent.config.cachedContent, generationConfig: { maxOutputTokens: 4096 } });
    expect(command).toContain('curl "https://generativelanguage.googleapis.com/v1beta/cachedContents"');
    expect(command).toContain("jq --arg name \"$CACHE_NAME\" '.cachedContent = $name'");
    expect(command).toContain('"https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent"');
    expect(command).toContain('-H "x-goog-api-key: $GEMINI_API_KEY"');
    // Valid shell: the heredocs close where the commands expect them.
    expect(() => execFileSync("bash", ["-n"], { input: command })).not.toThrow();
    const single = geminiCurlCommand(plain);
    expect(single).not.toContain("cachedContents");
    const m = /<<'([A-Z_]+)'\n([\s\S]*)\n\1$/.exec(single);
    expect(JSON.parse(m![2]!)).toMatchObject({ systemInstruction: { parts: [{ text: LONG }] } });
  });

  it("Python creates the cache and passes its name", () => {
    const py = geminiPythonCode(cached);
    expect(py).toContain("client = genai.Client()");
    expect(py).toContain('cache = client.caches.create(\n    model="gemini-2.5-flash",');
    expect(py).toContain('"cachedContent": cache.name');
    expect(py).not.toContain("{name returned by caches.create}");
    expect(geminiPythonCode(plain)).not.toContain("caches.create");
  });

  describe("TypeScript, run as exported", () => {
    const sandbox = exportedCodeSandbox();

    it("creates the cache object and reads it in the same run", async () => {
      const file = join(sandbox.dir(), "gemini.mts");
      const code = geminiTypescriptCode(cached).replace("console.log(response.usageMetadata);", "console.log(JSON.stringify(response.usageMetadata));");
      expect(code).toContain('"cachedContent": cache.name');
      await writeFile(file, code);
      // GOOGLE_API_KEY would win over GEMINI_API_KEY in the SDK: left out.
      const { GOOGLE_API_KEY: _other, ...rest } = process.env;
      const env: NodeJS.ProcessEnv = { ...rest, GEMINI_API_KEY: "export-test-key", GOOGLE_GEMINI_BASE_URL: sandbox.emulatorUrl() };
      const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", file], { env, cwd: process.cwd() });
      const usage = JSON.parse(stdout.trim().split("\n").at(-1)!) as { promptTokenCount: number; cachedContentTokenCount: number };
      expect(usage.cachedContentTokenCount).toBeGreaterThan(2048);
      expect(usage.promptTokenCount).toBeGreaterThan(usage.cachedContentTokenCount);
    }, 60_000);
  });
});
