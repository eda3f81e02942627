// The exported Converse code sends exactly the target's params: the curl body is parsed back, the TypeScript
// is run against `cachelab emulate` (the SDK reads AWS_ENDPOINT_URL_BEDROCK_RUNTIME; the one swap is the
// HTTP/1.1 handler the export's comment names), the Python names every param.
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { cachePoint, experiment, text, user } from "@/lib/cache/test-factories";
import { buildTargetRequest } from "@/lib/vendors/build-target";
import { converseCurlCommand, conversePythonCode, converseTypescriptCode } from "./converse-code";
import { exportedCodeSandbox } from "./testing/run-exported";

const built = buildTargetRequest(
  experiment({
    semantics: "pydantic-ai@2.33",
    settings: { cache_instructions: true },
    system: ["It's JSON: 'q' $HOME `x` ".repeat(400)],
    messages: [user(text("Hi\nJSON"), cachePoint(), text("end"))],
  }),
  "bedrock-converse",
);
if (!built.ok) throw new Error(built.error.message);
const params = built.value.body as { modelId: string };

describe("Bedrock Converse export", () => {
  it("curl carries the exact body through a quoted heredoc, the model in the path, and signs with SigV4", () => {
    const command = converseCurlCommand(params);
    const match = /<<'([A-Z_]+)'\n([\s\S]*)\n\1$/.exec(command);
    const { modelId, ...body } = params;
    expect(JSON.parse(match![2]!)).toEqual(body);
    expect(command).toContain(`https://bedrock-runtime.$AWS_REGION.amazonaws.com/model/${modelId}/converse`);
    expect(command).toContain('--aws-sigv4 "aws:amz:$AWS_REGION:bedrock"');
    const nova = buildTargetRequest(experiment({ model: "nova-pro", messages: [user(text("Q"))] }), "bedrock-converse");
    expect(nova.ok && converseCurlCommand(nova.value.body)).toContain("/model/us.amazon.nova-pro-v1%3A0/converse");
  });

  it("Python calls client.converse with every param, and a file's bytes as bytes", () => {
    const py = conversePythonCode(params);
    expect(py).toContain('client = boto3.client("bedrock-runtime")');
    expect(py).toContain('modelId="global.anthropic.claude-sonnet-4-6"');
    expect(py).toContain('"cachePoint": {\n');
    const image = buildTargetRequest(experiment({ messages: [user({ type: "image", url: "https://example.com/a.png" }, text("What?"))] }), "bedrock-converse");
    const withImage = image.ok ? conversePythonCode(image.value.body) : "";
    expect(withImage).toContain(`"bytes": base64.b64decode("${btoa("https://example.com/a.png")}")`);
    expect(withImage.startsWith("import base64")).toBe(true);
  });

  describe("TypeScript, run as exported", () => {
    const sandbox = exportedCodeSandbox();

    it("writes the cache on the first run and reads it on the second", async () => {
      const file = join(sandbox.dir(), "converse.mts");
      const code = converseTypescriptCode(params)
        .replace("new BedrockRuntimeClient({})", 'new BedrockRuntimeClient({ requestHandler: new (await import("@smithy/node-http-handler")).NodeHttpHandler() })')
        .replace("console.log(response.usage);", "console.log(JSON.stringify(response.usage));");
      await writeFile(file, code);
      const env = { ...process.env, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIDEXPORTTEST", AWS_SECRET_ACCESS_KEY: "secret", AWS_ENDPOINT_URL_BEDROCK_RUNTIME: sandbox.emulatorUrl() };
      const runOnce = async () => {
        const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", file], { env, cwd: process.cwd() });
        return JSON.parse(stdout.trim().split("\n").at(-1)!) as { cacheReadInputTokens: number; cacheWriteInputTokens: number };
      };
      const cold = await runOnce();
      const warm = await runOnce();
      expect(cold.cacheWriteInputTokens).toBeGreaterThan(1024);
      expect(warm.cacheReadInputTokens).toBe(cold.cacheWriteInputTokens);
    }, 60_000);
  });
});
