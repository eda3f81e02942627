// The Gemini target's requests as curl, TypeScript (@google/genai) and Python (google-genai) code: first
// caches.create (the cache object), then generateContent naming it in cachedContent; without a cache object just
// generateContent. Pure: the params are buildTargetRequest's (lib/vendors/gemini.ts), so what a user copies is
// what the preview showed. The key is always the environment's GEMINI_API_KEY, never a value.
import { type GeminiBody, type GeminiGenerate, GEMINI_CACHE_NAME_PLACEHOLDER } from "@/lib/vendors/gemini-wire";
import { toPython } from "./request-code";

const API = "https://generativelanguage.googleapis.com/v1beta";
const PLACEHOLDER_JSON = JSON.stringify(GEMINI_CACHE_NAME_PLACEHOLDER);

function heredocTag(text: string): string {
  let tag = "JSON";
  while (text.includes(tag)) tag += "_";
  return tag;
}

const modelPath = (model: string) => (model.startsWith("models/") ? model : `models/${model}`);

/** The REST body of generateContent: the SDK's config fields are top-level or in generationConfig there. */
export function generateContentRestBody(generate: GeminiGenerate): Record<string, unknown> {
  const { cachedContent, systemInstruction, tools, maxOutputTokens } = generate.config;
  return {
    contents: generate.contents,
    ...(systemInstruction ? { systemInstruction } : {}),
    ...(tools ? { tools } : {}),
    ...(cachedContent ? { cachedContent } : {}),
    ...(maxOutputTokens !== undefined ? { generationConfig: { maxOutputTokens } } : {}),
  };
}

/** The REST body of POST /v1beta/cachedContents: the config's fields beside the model. */
export function createCacheRestBody(body: GeminiBody): Record<string, unknown> | null {
  return body.createCache ? { model: modelPath(body.createCache.model), ...body.createCache.config } : null;
}

export function geminiCurlCommand(params: unknown): string {
  const body = params as GeminiBody;
  const generate = generateContentRestBody(body.generateContent);
  const url = `"${API}/${modelPath(body.generateContent.model)}:generateContent"`;
  const headers = ['  -H "x-goog-api-key: $GEMINI_API_KEY" \\', '  -H "content-type: application/json" \\'];
  const create = createCacheRestBody(body);
  if (!create) {
    const text = JSON.stringify(generate, null, 2);
    const tag = heredocTag(text);
    return [`curl ${url} \\`, ...headers, `  --data-binary @- <<'${tag}'\n${text}\n${tag}`].join("\n");
  }
  const createText = JSON.stringify(create, null, 2);
  const generateText = JSON.stringify(generate, null, 2);
  const tag = heredocTag(createText + generateText);
  return [
    "# 1. Create the cache object (its name is in the answer's \"name\"; needs jq).",
    `CACHE_NAME=$(curl "${API}/cachedContents" \\`,
    ...headers,
    `  --data-binary @- <<'${tag}' | jq -r .name\n${createText}\n${tag}\n)`,
    "",
    "# 2. Generate with it: cachedContent names the cache; system instruction and tools live in it.",
    `jq --arg name "$CACHE_NAME" '.cachedContent = $name' <<'${tag}' | curl ${url} \\`,
    ...headers,
    `  --data-binary @-\n${generateText}\n${tag}`,
  ].join("\n");
}

export function geminiTypescriptCode(params: unknown): string {
  const body = params as GeminiBody;
  const generate = JSON.stringify(body.generateContent, null, 2).replace(PLACEHOLDER_JSON, "cache.name");
  return [
    'import { GoogleGenAI } from "@google/genai";',
    "",
    "// The key from GEMINI_API_KEY (against `cachelab emulate`: set GOOGLE_GEMINI_BASE_URL to its URL).",
    "const ai = new GoogleGenAI({});",
    ...(body.createCache ? [`const cache = await ai.caches.create(${JSON.stringify(body.createCache, null, 2)});`] : []),
    `const response = await ai.models.generateContent(${generate});`,
    "// promptTokenCount includes cachedContentTokenCount: uncached input = promptTokenCount − cachedContentTokenCount",
    "console.log(response.usageMetadata);",
  ].join("\n");
}

export function geminiPythonCode(params: unknown): string {
  const body = params as GeminiBody;
  const args = (value: Record<string, unknown>) =>
    Object.entries(value)
      .map(([k, v]) => `    ${k}=${toPython(v, 1)},`)
      .join("\n")
      .replace(PLACEHOLDER_JSON, "cache.name");
  return [
    "from google import genai",
    "",
    "client = genai.Client()  # the key from GEMINI_API_KEY",
    ...(body.createCache ? [`cache = client.caches.create(\n${args(body.createCache as unknown as Record<string, unknown>)}\n)`] : []),
    `response = client.models.generate_content(\n${args(body.generateContent as unknown as Record<string, unknown>)}\n)`,
    "# prompt_token_count includes cached_content_token_count: uncached input = prompt_token_count − cached_content_token_count",
    "print(response.usage_metadata)",
  ].join("\n");
}
