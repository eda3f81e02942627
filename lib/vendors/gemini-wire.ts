// The Gemini API's shapes CacheLab builds and the emulator reads, as the official SDK (@google/genai) takes
// them: `caches.create({model, config})` and `models.generateContent({model, contents, config})`. Only the
// fields CacheLab uses; lib/vendors imports no SDK (the pure-core rule), so these mirror its types.

export interface GeminiPart {
  text?: string;
  fileData?: { fileUri: string; mimeType?: string };
  inlineData?: { mimeType: string; data: string };
  functionCall?: { id?: string; name: string; args: Record<string, unknown> };
  functionResponse?: { id?: string; name: string; response: Record<string, unknown> };
}

export interface GeminiContent {
  role?: "user" | "model";
  parts: GeminiPart[];
}

export interface GeminiTool {
  functionDeclarations?: { name: string; description?: string; parametersJsonSchema?: unknown }[];
  googleSearch?: Record<string, never>;
  codeExecution?: Record<string, never>;
  urlContext?: Record<string, never>;
}

/** `ai.caches.create(params)`: the cache object, created once, named by the API ("cachedContents/…"). */
export interface GeminiCreateCache {
  model: string;
  config: {
    displayName?: string;
    systemInstruction?: GeminiContent;
    tools?: GeminiTool[];
    contents?: GeminiContent[];
    /** A duration in seconds, "300s". */
    ttl: string;
  };
}

/** `ai.models.generateContent(params)`. With `cachedContent` it may not set systemInstruction or tools. */
export interface GeminiGenerate {
  model: string;
  contents: GeminiContent[];
  config: {
    cachedContent?: string;
    systemInstruction?: GeminiContent;
    tools?: GeminiTool[];
    maxOutputTokens?: number;
  };
}

/** What the Gemini target sends: the cache object (none when nothing is cached) and the request that uses it. */
export interface GeminiBody {
  createCache: GeminiCreateCache | null;
  generateContent: GeminiGenerate;
}

/** Stands in the body for the name caches.create returns; the exported code and the runner put the real one there. */
export const GEMINI_CACHE_NAME_PLACEHOLDER = "cachedContents/{name returned by caches.create}";

/** "300s" ⇄ 300; Gemini's ttl is a duration string in seconds (up to nine fractional digits). */
export function ttlString(seconds: number): string {
  return `${seconds}s`;
}

export function parseTtl(value: string): number | null {
  const m = /^(\d+(?:\.\d{1,9})?)s$/.exec(value);
  return m ? Number(m[1]) : null;
}
