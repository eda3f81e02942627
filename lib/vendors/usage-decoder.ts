// The usage decoder (issue 13 item 4): paste any vendor's response `usage` and get the disjoint counts of
// NormalizedUsage, the formula used, and a warning where a common mistake would count a token twice.
// The trap is that vendors disagree on what "input" holds (docs/reference/vendors.md §1, §6):
//   Anthropic, Claude on Bedrock InvokeModel and on Vertex: input_tokens is the uncached tail only;
//   OpenAI (Responses and Chat) and Gemini: the input count CONTAINS the cached (and written) tokens.
import { type AppError, type Result, err, ok } from "@/lib/cache/result";
import { type Tokens, tokens } from "@/lib/cache/units";
import { type CacheLifetime, type NormalizedCost, type NormalizedPrices, type NormalizedUsage, normalizedCost } from "./usage";

export type UsageVendor = "anthropic" | "bedrock-invoke" | "vertex" | "bedrock-converse" | "openai-responses" | "openai-chat" | "gemini";

export const USAGE_VENDORS: readonly { id: UsageVendor; label: string }[] = [
  { id: "anthropic", label: "Anthropic Messages (usage)" },
  { id: "bedrock-invoke", label: "Claude on Bedrock InvokeModel (usage)" },
  { id: "vertex", label: "Claude on Vertex AI (usage)" },
  { id: "bedrock-converse", label: "Bedrock Converse (usage)" },
  { id: "openai-responses", label: "OpenAI Responses (usage)" },
  { id: "openai-chat", label: "OpenAI Chat Completions (usage)" },
  { id: "gemini", label: "Gemini (usageMetadata)" },
];

export interface DecodedUsage {
  vendor: UsageVendor;
  usage: NormalizedUsage;
  /** How each count was derived, one line each, in the vendor's field names. */
  formula: string[];
  /** Double-counting traps and inconsistencies in what was pasted. */
  warnings: string[];
  cost?: NormalizedCost;
}

export interface DecodeOptions {
  /** Which vendor the usage is from; detected from its field names when left out. */
  vendor?: UsageVendor;
  prices?: NormalizedPrices;
  /** Gemini explicit caching: how long the cache object is held, for its storage charge. */
  storageHours?: number;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

function invalid(message: string): Result<never> {
  return err<AppError>({ code: "invalid_usage", message });
}

/** The usage object inside a pasted response (or the usage itself). */
function usageObject(value: Json): Json {
  if (isObject(value.usageMetadata)) return value.usageMetadata;
  if (isObject(value.usage)) return value.usage;
  return value;
}

export function detectUsageVendor(value: Json): UsageVendor | undefined {
  const u = usageObject(value);
  if ("promptTokenCount" in u || "cachedContentTokenCount" in u || "candidatesTokenCount" in u) return "gemini";
  if ("inputTokens" in u || "cacheReadInputTokens" in u || "cacheWriteInputTokens" in u) return "bedrock-converse";
  if ("prompt_tokens" in u || "prompt_tokens_details" in u) return "openai-chat";
  if ("input_tokens_details" in u) return "openai-responses";
  if ("cache_read_input_tokens" in u || "cache_creation_input_tokens" in u || "cache_creation" in u) return "anthropic";
  if ("input_tokens" in u && "output_tokens" in u) return "anthropic";
  return undefined;
}

class Fields {
  readonly missing: string[] = [];
  constructor(private readonly u: Json) {}
  /** A non-negative integer field (a dotted path), 0 when absent; malformed values are collected. */
  n(path: string, required = false): number {
    let v: unknown = this.u;
    for (const key of path.split(".")) v = isObject(v) ? v[key] : undefined;
    if (v === undefined || v === null) {
      if (required) this.missing.push(path);
      return 0;
    }
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
      this.missing.push(`${path} (not a whole number ≥ 0: ${JSON.stringify(v)})`);
      return 0;
    }
    return v;
  }
}

const t = (n: number): Tokens => tokens(n);

function anthropicLike(u: Json, vendor: UsageVendor): Omit<DecodedUsage, "cost"> | string {
  const f = new Fields(u);
  const input = f.n("input_tokens", true);
  const read = f.n("cache_read_input_tokens");
  const created = f.n("cache_creation_input_tokens");
  const w5 = f.n("cache_creation.ephemeral_5m_input_tokens");
  const w1 = f.n("cache_creation.ephemeral_1h_input_tokens");
  f.n("output_tokens", true);
  if (f.missing.length) return `missing or malformed: ${f.missing.join(", ")}`;
  const warnings: string[] = [
    "input_tokens here is the uncached part only: total input = input_tokens + cache_read_input_tokens + cache_creation_input_tokens. Subtracting the cache counts from input_tokens (as one does on OpenAI) under-counts; adding input_tokens to them is right.",
  ];
  const cacheWrite: Partial<Record<CacheLifetime, Tokens>> = {};
  const formula = [`uncached = input_tokens = ${input}`, `cache read = cache_read_input_tokens = ${read}`];
  if (isObject(u.cache_creation)) {
    if (w5) cacheWrite["5m"] = t(w5);
    if (w1) cacheWrite["1h"] = t(w1);
    formula.push(`cache write (5m) = cache_creation.ephemeral_5m_input_tokens = ${w5}`, `cache write (1h) = cache_creation.ephemeral_1h_input_tokens = ${w1}`);
    if (w5 + w1 !== created) warnings.push(`cache_creation's 5m + 1h (${w5 + w1}) differ from cache_creation_input_tokens (${created}): the split is used.`);
  } else if (created) {
    cacheWrite["5m"] = t(created);
    formula.push(`cache write (5m) = cache_creation_input_tokens = ${created} (no cache_creation split: counted as 5m)`);
  }
  return { vendor, usage: { uncached: t(input), cacheRead: t(read), cacheWrite, output: t(f.n("output_tokens")) }, formula, warnings };
}

function converse(u: Json): Omit<DecodedUsage, "cost"> | string {
  const f = new Fields(u);
  const input = f.n("inputTokens", true);
  const output = f.n("outputTokens", true);
  const read = f.n("cacheReadInputTokens");
  const write = f.n("cacheWriteInputTokens");
  if (f.missing.length) return `missing or malformed: ${f.missing.join(", ")}`;
  const warnings: string[] = [];
  // AWS's TokenUsage reference does not say whether inputTokens includes the cache counts
  // (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_TokenUsage.html); totalTokens tells.
  const total = typeof u.totalTokens === "number" ? u.totalTokens : undefined;
  const inclusive = total !== undefined && read + write > 0 && total === input + output && input >= read + write;
  if (total !== undefined && !inclusive && total !== input + output + read + write) {
    warnings.push(`totalTokens (${total}) is neither inputTokens + outputTokens nor that plus the cache counts: inputTokens is read as the uncached part.`);
  } else if (total === undefined && read + write > 0) {
    warnings.push("Without totalTokens it cannot be told whether inputTokens holds the cache counts; it is read as the uncached part, as for Claude's input_tokens.");
  }
  const uncached = inclusive ? input - read - write : input;
  const formula = [
    inclusive ? `uncached = inputTokens − cacheReadInputTokens − cacheWriteInputTokens = ${input} − ${read} − ${write} = ${uncached} (totalTokens = inputTokens + outputTokens: inputTokens holds them)` : `uncached = inputTokens = ${input}`,
    `cache read = cacheReadInputTokens = ${read}`,
  ];
  const cacheWrite: Partial<Record<CacheLifetime, Tokens>> = {};
  const details = Array.isArray(u.cacheDetails) ? u.cacheDetails.filter(isObject) : [];
  if (details.length) {
    let sum = 0;
    for (const d of details) {
      const ttl = d.ttl === "1h" ? "1h" : "5m";
      const n = typeof d.inputTokens === "number" ? d.inputTokens : 0;
      cacheWrite[ttl] = t((cacheWrite[ttl] ?? 0) + n);
      sum += n;
    }
    formula.push(`cache write by TTL = cacheDetails[].inputTokens: 5m ${cacheWrite["5m"] ?? 0}, 1h ${cacheWrite["1h"] ?? 0}`);
    if (sum !== write) warnings.push(`cacheDetails add up to ${sum}, cacheWriteInputTokens says ${write}: the details are used.`);
  } else if (write) {
    cacheWrite["5m"] = t(write);
    formula.push(`cache write (5m) = cacheWriteInputTokens = ${write} (no cacheDetails: counted as 5m, Bedrock's default TTL)`);
  }
  if (!inclusive) warnings.push("inputTokens is the uncached part here: do not subtract the cache counts from it again.");
  return { vendor: "bedrock-converse", usage: { uncached: t(uncached), cacheRead: t(read), cacheWrite, output: t(output) }, formula, warnings };
}

function openai(u: Json, vendor: "openai-responses" | "openai-chat"): Omit<DecodedUsage, "cost"> | string {
  const chat = vendor === "openai-chat";
  const [inName, details, outName] = chat ? ["prompt_tokens", "prompt_tokens_details", "completion_tokens"] : ["input_tokens", "input_tokens_details", "output_tokens"];
  const f = new Fields(u);
  const input = f.n(inName, true);
  const read = f.n(`${details}.cached_tokens`);
  const write = f.n(`${details}.cache_write_tokens`);
  const output = f.n(outName, true);
  if (f.missing.length) return `missing or malformed: ${f.missing.join(", ")}`;
  if (read + write > input) return `${details}.cached_tokens + cache_write_tokens (${read + write}) exceed ${inName} (${input}), which contains them`;
  const uncached = input - read - write;
  return {
    vendor,
    usage: { uncached: t(uncached), cacheRead: t(read), cacheWrite: write ? { "30m": t(write) } : {}, output: t(output) },
    formula: [
      `uncached = ${inName} − cached_tokens − cache_write_tokens = ${input} − ${read} − ${write} = ${uncached} (https://developers.openai.com/api/docs/guides/prompt-caching#monitor-cache-performance)`,
      `cache read = ${details}.cached_tokens = ${read}`,
      `cache write (30m) = ${details}.cache_write_tokens = ${write}`,
      `output = ${outName} = ${output}`,
    ],
    warnings: [
      `${inName} already contains cached_tokens and cache_write_tokens: adding them to ${inName} counts them twice, and pricing all of ${inName} at the input rate ignores the 0.1× read and 1.25× write rates.`,
    ],
  };
}

function gemini(u: Json, storageHours: number | undefined): Omit<DecodedUsage, "cost"> | string {
  const f = new Fields(u);
  const prompt = f.n("promptTokenCount", true);
  const cached = f.n("cachedContentTokenCount");
  const candidates = f.n("candidatesTokenCount");
  const thoughts = f.n("thoughtsTokenCount");
  if (f.missing.length) return `missing or malformed: ${f.missing.join(", ")}`;
  if (cached > prompt) return `cachedContentTokenCount (${cached}) exceeds promptTokenCount (${prompt}), which contains it`;
  const formula = [
    `uncached = promptTokenCount − cachedContentTokenCount = ${prompt} − ${cached} = ${prompt - cached}`,
    `cache read = cachedContentTokenCount = ${cached}`,
    `output = candidatesTokenCount + thoughtsTokenCount = ${candidates} + ${thoughts}`,
  ];
  const usage: NormalizedUsage = { uncached: t(prompt - cached), cacheRead: t(cached), cacheWrite: {}, output: t(candidates + thoughts) };
  if (storageHours !== undefined && storageHours > 0) {
    usage.storageTokenHours = cached * storageHours;
    formula.push(`storage = cachedContentTokenCount × hours held = ${cached} × ${storageHours} token-hours`);
  }
  return {
    vendor: "gemini",
    usage,
    formula,
    warnings: [
      "promptTokenCount already contains cachedContentTokenCount: adding them counts the cached tokens twice. An explicit cache's creation and its storage per token-hour are billed apart from this response.",
    ],
  };
}

/** Decodes a pasted usage (the usage object, or a whole response that holds one). Never throws. */
export function decodeUsage(input: unknown, options: DecodeOptions = {}): Result<DecodedUsage> {
  let value = input;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return invalid("The usage is not valid JSON: paste the response's usage object (or the whole response).");
    }
  }
  if (!isObject(value)) return invalid("The usage must be a JSON object such as {\"input_tokens\": 10, \"output_tokens\": 5}.");
  const vendor = options.vendor ?? detectUsageVendor(value);
  if (!vendor) return invalid("No vendor's usage fields were found (input_tokens, prompt_tokens, inputTokens or promptTokenCount): pick the vendor.");
  const u = usageObject(value);
  const decoded =
    vendor === "bedrock-converse"
      ? converse(u)
      : vendor === "openai-responses" || vendor === "openai-chat"
        ? openai(u, vendor)
        : vendor === "gemini"
          ? gemini(u, options.storageHours)
          : anthropicLike(u, vendor);
  if (typeof decoded === "string") return invalid(`This is not a ${USAGE_VENDORS.find((v) => v.id === vendor)!.label}: ${decoded}.`);
  if (!options.prices) return ok(decoded);
  try {
    return ok({ ...decoded, cost: normalizedCost(decoded.usage, options.prices) });
  } catch (e) {
    return invalid(`These prices cannot bill this usage: ${(e as Error).message}.`);
  }
}
