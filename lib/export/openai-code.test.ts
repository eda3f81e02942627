// The exported OpenAI code sends exactly the target's body: the TypeScript is run as written (its client
// pointed at the emulator through OPENAI_BASE_URL, which the SDK reads), the curl body is parsed back.
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { experiment, text, user, cachePoint } from "@/lib/cache/test-factories";
import { buildTargetRequest } from "@/lib/vendors/build-target";
import { openaiCurlCommand, openaiPythonCode, openaiTypescriptCode } from "./openai-code";
import { exportedCodeSandbox } from "./testing/run-exported";

const built = buildTargetRequest(
  experiment({ settings: { cache_instructions: true }, system: ["It's JSON: 'q' $HOME `x` ".repeat(400)], messages: [user(text("Hi\nJSON"), cachePoint(), text("end"))] }),
  "openai",
);
if (!built.ok) throw new Error(built.error.message);
const body = built.value.body;

describe("OpenAI export", () => {
  it("curl carries the exact body through a quoted heredoc and the key as $OPENAI_API_KEY", () => {
    const command = openaiCurlCommand(body);
    const match = /<<'([A-Z_]+)'\n([\s\S]*)\n\1$/.exec(command);
    expect(JSON.parse(match![2]!)).toEqual(body);
    expect(command).toContain('Authorization: Bearer $OPENAI_API_KEY"');
    expect(command).toContain("https://api.openai.com/v1/responses");
  });

  it("Python passes every field as a keyword argument", () => {
    const py = openaiPythonCode(body);
    expect(py).toContain("client.responses.create(");
    expect(py).toContain('model="gpt-5.6-sol"');
    expect(py).toContain('"prompt_cache_breakpoint": {\n');
    expect(py).toContain('prompt_cache_options={\n        "mode": "implicit",');
  });

  describe("TypeScript, run as exported", () => {
    const sandbox = exportedCodeSandbox();

    it("writes the cache on the first run and reads it on the second", async () => {
      const file = join(sandbox.dir(), "request.mts");
      await writeFile(file, openaiTypescriptCode(body).replace("console.log(response.usage);", "console.log(JSON.stringify(response.usage));"));
      const env = { ...process.env, OPENAI_API_KEY: "sk-export-test", OPENAI_BASE_URL: `${sandbox.emulatorUrl()}/v1` };
      const runOnce = async () => {
        const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", file], { env, cwd: process.cwd() });
        return JSON.parse(stdout.trim().split("\n").at(-1)!) as { input_tokens_details: { cached_tokens: number; cache_write_tokens: number } };
      };
      const cold = await runOnce();
      const warm = await runOnce();
      expect(cold.input_tokens_details.cache_write_tokens).toBeGreaterThan(1024);
      expect(warm.input_tokens_details.cached_tokens).toBe(cold.input_tokens_details.cache_write_tokens);
    }, 60_000);
  });
});
