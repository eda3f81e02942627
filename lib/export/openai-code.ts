// The OpenAI Responses target's request as curl, TypeScript (`openai`) and Python (`openai`) code. Pure:
// the body is buildTargetRequest's, so what a user copies is what the preview showed. The key is always
// the environment variable the SDKs read, OPENAI_API_KEY, never a value.
import { toPython } from "./request-code";

const json = (body: unknown) => JSON.stringify(body, null, 2);

function heredocTag(text: string): string {
  let tag = "JSON";
  while (text.includes(tag)) tag += "_";
  return tag;
}

export function openaiCurlCommand(body: unknown): string {
  const text = json(body);
  const tag = heredocTag(text);
  return [
    "curl https://api.openai.com/v1/responses \\",
    '  -H "Authorization: Bearer $OPENAI_API_KEY" \\',
    '  -H "content-type: application/json" \\',
    `  --data-binary @- <<'${tag}'\n${text}\n${tag}`,
  ].join("\n");
}

export function openaiTypescriptCode(body: unknown): string {
  return [
    'import OpenAI from "openai";',
    "",
    "const client = new OpenAI(); // reads OPENAI_API_KEY",
    `const response = await client.responses.create(${json(body)});`,
    "// cached_tokens and cache_write_tokens are inside input_tokens",
    "console.log(response.usage);",
  ].join("\n");
}

export function openaiPythonCode(body: unknown): string {
  const args = Object.entries(body as Record<string, unknown>)
    .map(([k, v]) => `    ${k}=${toPython(v, 1)},`)
    .join("\n");
  return [
    "from openai import OpenAI",
    "",
    "client = OpenAI()  # reads OPENAI_API_KEY",
    `response = client.responses.create(\n${args}\n)`,
    "# cached_tokens and cache_write_tokens are inside input_tokens",
    "print(response.usage)",
  ].join("\n");
}
