// The Bedrock Converse target's request as curl, TypeScript (@aws-sdk/client-bedrock-runtime) and Python
// (boto3) code. Pure: the params are buildTargetRequest's (`modelId` and the body), so what a user copies is
// what the preview showed. Credentials are always the environment the SDKs read (AWS_REGION and the AWS
// credential chain, or AWS_BEARER_TOKEN_BEDROCK), never a value. A file's bytes travel as base64 in JSON and
// become bytes in the SDK code.
import { toPython } from "./request-code";

interface ConverseParams {
  modelId: string;
  [key: string]: unknown;
}

function split(params: unknown): { modelId: string; body: Record<string, unknown> } {
  const { modelId, ...body } = params as ConverseParams;
  return { modelId, body };
}

function heredocTag(text: string): string {
  let tag = "JSON";
  while (text.includes(tag)) tag += "_";
  return tag;
}

/** Path segments as the SDK writes them: every character outside RFC 3986's unreserved set is escaped. */
const segment = (modelId: string) => encodeURIComponent(modelId).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function converseCurlCommand(params: unknown): string {
  const { modelId, body } = split(params);
  const text = JSON.stringify(body, null, 2);
  const tag = heredocTag(text);
  return [
    "# curl 7.75+ signs with SigV4; with a Bedrock API key, send -H \"Authorization: Bearer $AWS_BEARER_TOKEN_BEDROCK\" instead of --user/--aws-sigv4.",
    `curl "https://bedrock-runtime.$AWS_REGION.amazonaws.com/model/${segment(modelId)}/converse" \\`,
    '  --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" \\',
    '  --aws-sigv4 "aws:amz:$AWS_REGION:bedrock" \\',
    '  -H "content-type: application/json" \\',
    `  --data-binary @- <<'${tag}'\n${text}\n${tag}`,
  ].join("\n");
}

/** JSON with every `{"bytes": "<base64>"}` source written as code that makes the bytes. */
function withBytesCode(value: unknown, bytes: (b64: string) => string, indent: number, literal: (v: unknown, indent: number) => string): string {
  const marks: string[] = [];
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== "object") return v;
    const out: Record<string, unknown> = {};
    for (const [k, inner] of Object.entries(v)) {
      if (k === "bytes" && typeof inner === "string") {
        marks.push(bytes(inner));
        out[k] = `\u0000BYTES${marks.length - 1}\u0000`;
      } else out[k] = k === "json" || k === "input" ? inner : walk(inner);
    }
    return out;
  };
  return literal(walk(value), indent).replace(/"\\u0000BYTES(\d+)\\u0000"/g, (_, i: string) => marks[Number(i)]!);
}

export function converseTypescriptCode(params: unknown): string {
  const { modelId, body } = split(params);
  const input = withBytesCode({ modelId, ...body }, (b64) => `Buffer.from(${JSON.stringify(b64)}, "base64")`, 0, (v) => JSON.stringify(v, null, 2));
  return [
    'import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";',
    "",
    "// Region and credentials from the environment (AWS_REGION and the AWS credential chain).",
    "// Against `cachelab emulate`, which serves HTTP/1.1: set AWS_ENDPOINT_URL_BEDROCK_RUNTIME and pass",
    '// requestHandler: new NodeHttpHandler() (from "@smithy/node-http-handler").',
    "const client = new BedrockRuntimeClient({});",
    `const response = await client.send(new ConverseCommand(${input}));`,
    "// inputTokens is the uncached input only; cacheReadInputTokens and cacheWriteInputTokens are their own counts",
    "console.log(response.usage);",
  ].join("\n");
}

export function conversePythonCode(params: unknown): string {
  const { modelId, body } = split(params);
  const args = Object.entries({ modelId, ...body })
    .map(([k, v]) => `    ${k}=${withBytesCode(v, (b64) => `base64.b64decode(${JSON.stringify(b64)})`, 1, toPython)},`)
    .join("\n");
  const needsBase64 = args.includes("base64.b64decode(");
  return [
    ...(needsBase64 ? ["import base64", ""] : []),
    "import boto3",
    "",
    'client = boto3.client("bedrock-runtime")  # AWS_REGION and the AWS credential chain',
    `response = client.converse(\n${args}\n)`,
    "# inputTokens is the uncached input only; cacheReadInputTokens and cacheWriteInputTokens are their own counts",
    'print(response["usage"])',
  ].join("\n");
}
