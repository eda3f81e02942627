// The dated vendor catalog (issue 13): every number CacheLab uses about a vendor other than Anthropic,
// with the page it comes from, the date it was read, and how it was checked. Facts docs/reference/vendors.md
// marks unverified keep an `unverified` sentence saying why; the UI shows source and date beside each
// number. Anthropic's own numbers stay in lib/cache/catalog.ts (one catalog per vendor, one place each).
import { type Tokens, type UsdPerMTok, tokens, usdPerMTok } from "@/lib/cache/units";

export interface VendorFact<T> {
  value: T;
  /** A public URL (or a doc in this repository) that states it. */
  source: string;
  /** When it was read there. */
  date: string;
  /** How it was checked, when it was: the page or the official SDK text that says it. */
  checked?: string;
  /** Why it is not settled (docs/reference/vendors.md "unverified"): one secondary source, or sources that disagree. */
  unverified?: string;
}

const fact = <T>(value: T, source: string, date: string, more: { checked?: string; unverified?: string } = {}): VendorFact<T> => ({
  value,
  source,
  date,
  ...more,
});

// ---------------------------------------------------------------------------------------------------
// OpenAI, GPT-5.6 and later (Responses API)
// ---------------------------------------------------------------------------------------------------

export const OPENAI_GUIDE = "https://developers.openai.com/api/docs/guides/prompt-caching";
export const OPENAI_DIAGNOSTICS_GUIDE = "https://developers.openai.com/api/docs/guides/prompt-caching/diagnostics";
export const OPENAI_RESPONSES_REFERENCE = "https://developers.openai.com/api/reference/resources/responses/methods/create";
export const OPENAI_PRICING = "https://developers.openai.com/api/docs/pricing";

const READ_ON = "2026-11-30";
// The official SDK's type docs are generated from OpenAI's API reference; they are the copy of the reference
// this repository can pin (package.json: openai 6.49.0; 7.x needs Node 22).
const SDK_649 = "openai-node 6.49.0 src/resources/responses/responses.ts (the API reference text)";
const SDK_759 = "openai-node 7.59.0 src/resources/responses/responses.ts (the API reference text, 2026-11-17)";
const GUIDE_COPY = "the guide's Markdown (prompt-caching.md) as published, read in a public copy; its opening on developers.openai.com agrees on 1,024 tokens and 1.25×";

export type OpenAICacheMode = "implicit" | "explicit";
export const OPENAI_CACHE_MODES: readonly OpenAICacheMode[] = ["implicit", "explicit"];

/**
 * Where a Responses request's cache lookup may stop (the "cache lookup boundaries"). The guide and the API
 * reference say different things (docs/reference/vendors.md §2): CacheLab follows the guide, the more
 * specific of the two and the one its documented gotchas (explicit-only mode missing an implicit write, a
 * later developer message that is no boundary) follow from.
 */
export interface OpenAILookupBoundaries {
  /** Explicit breakpoints counted from the start of the input. */
  firstExplicit: number;
  /** Explicit breakpoints counted from the end. */
  latestExplicit: number;
  /** Implicit mode: eligible message endings before the implicit breakpoint. */
  earlierMessageEndings: number;
  /** Implicit mode: the end of the initial consecutive block of developer messages is a boundary. */
  initialDeveloperBlock: boolean;
}

export type OpenAIDiagnosticReason =
  | "model_changed"
  | "prompt_cache_key_changed"
  | "service_tier_changed"
  | "tools_changed"
  | "text_format_changed"
  | "reasoning_effort_changed"
  | "verbosity_changed"
  | "context_compacted"
  | "input_changed";

export interface OpenAIModelFacts {
  id: string;
  displayName: string;
  /** USD per million tokens; reads and writes follow the documented multipliers of the input price. */
  prices: VendorFact<{ input: UsdPerMTok; read: UsdPerMTok; write30m: UsdPerMTok; output: UsdPerMTok }>;
}

const OPENAI_PRICE_NOTE =
  "third-party copies of the pricing page disagree (later reductions and a Sol promotion are reported from 2026-07-30 and 2026-08-21); list prices at launch, 2026-07-09, shown";
const openaiPrices = (input: number, output: number, source: string) =>
  fact(
    {
      input: usdPerMTok(input),
      read: usdPerMTok(Math.round(input * 0.1 * 1e6) / 1e6),
      write30m: usdPerMTok(Math.round(input * 1.25 * 1e6) / 1e6),
      output: usdPerMTok(output),
    },
    OPENAI_PRICING,
    READ_ON,
    { unverified: `${OPENAI_PRICE_NOTE} (${source}); reads 0.1× and writes 1.25× of input per ${OPENAI_GUIDE}` },
  );

export const OPENAI = {
  vendor: "OpenAI",
  /** "The minimum cacheable prompt length is 1,024 tokens for GPT-5.6 and later" (visible input tokens). */
  minCacheableTokens: fact(tokens(1024) as Tokens, `${OPENAI_GUIDE}#how-caching-works`, READ_ON, { checked: GUIDE_COPY }),
  /** `prompt_cache_options.ttl`: "30m", the default; "at least 30 minutes after its most recent write or reuse". */
  lifetimeMinutes: fact(30, `${OPENAI_GUIDE}#cache-lifetime`, READ_ON, { checked: `${SDK_649}: "The ttl defaults to 30m, which is currently the only supported value"` }),
  /** The ttl values the Responses API takes. 7.59.0's reference adds "12h"; the guide still names only "30m". */
  ttlValues: fact(["30m", "12h"] as const, OPENAI_RESPONSES_REFERENCE, READ_ON, {
    checked: `${SDK_759}: "Supported values are 30m (the default) and 12h"`,
    unverified: "the guide (and openai-node 6.49.0) name only 30m; 12h appears in the API reference from late 2026",
  }),
  /** "Each request can write up to four breakpoints." */
  writeSlots: fact(4, OPENAI_RESPONSES_REFERENCE, READ_ON, { checked: SDK_649 }),
  /** "With implicit, OpenAI creates one implicit breakpoint and writes up to the latest three explicit breakpoints". */
  explicitWritesInImplicitMode: fact(3, OPENAI_RESPONSES_REFERENCE, READ_ON, { checked: SDK_649 }),
  /** "With explicit … writes up to the latest four explicit breakpoints. If there are no explicit breakpoints, the request does not use prompt caching." */
  explicitWritesInExplicitMode: fact(4, OPENAI_RESPONSES_REFERENCE, READ_ON, { checked: SDK_649 }),
  defaultMode: fact<OpenAICacheMode>("implicit", OPENAI_RESPONSES_REFERENCE, READ_ON, { checked: `${SDK_649}: "Defaults to implicit"` }),
  lookup: fact<OpenAILookupBoundaries>(
    { firstExplicit: 2, latestExplicit: 50, earlierMessageEndings: 20, initialDeveloperBlock: true },
    `${OPENAI_GUIDE}#how-prefix-matching-works`,
    READ_ON,
    {
      checked: GUIDE_COPY,
      unverified:
        'the API reference says instead "up to the latest 80 breakpoints in the conversation, without a content-block lookback limit" (openai-node 6.49.0 and 7.59.0); CacheLab follows the guide',
    },
  ),
  /** Content blocks that take `prompt_cache_breakpoint` (the SDK types that carry the field). */
  breakpointBlockTypes: fact(["input_text", "input_image", "input_file"] as const, OPENAI_RESPONSES_REFERENCE, READ_ON, { checked: SDK_649 }),
  /** "Top-level instructions cannot contain an explicit breakpoint": reusable instructions go in a developer message. */
  instructionsTakeNoBreakpoint: fact(true, `${OPENAI_GUIDE}#how-caching-works`, READ_ON, { checked: GUIDE_COPY }),
  /** "Cache writes cost 1.25× the uncached input-token rate" and "subsequent reads cost only 0.1×". */
  writeMultiplier: fact(1.25, `${OPENAI_GUIDE}#how-caching-works`, READ_ON, { checked: GUIDE_COPY }),
  readMultiplier: fact(0.1, `${OPENAI_GUIDE}#how-caching-works`, READ_ON, { checked: GUIDE_COPY }),
  /** `usage.input_tokens` counts cached and written tokens too: ordinary input = input_tokens − cached_tokens − cache_write_tokens. */
  cachedInsideInput: fact(true, `${OPENAI_GUIDE}#monitor-cache-performance`, READ_ON, { checked: GUIDE_COPY }),
  /** The nine reasons a `cache_miss` diagnostic can give; only the first classified one is reported. */
  diagnosticReasons: fact<readonly OpenAIDiagnosticReason[]>(
    [
      "model_changed",
      "prompt_cache_key_changed",
      "service_tier_changed",
      "tools_changed",
      "text_format_changed",
      "reasoning_effort_changed",
      "verbosity_changed",
      "context_compacted",
      "input_changed",
    ],
    OPENAI_DIAGNOSTICS_GUIDE,
    READ_ON,
    { checked: `${SDK_759} (Response.CacheMiss.reason)` },
  ),
  models: [
    { id: "gpt-5.6-sol", displayName: "GPT-5.6 Sol", prices: openaiPrices(5, 30, "two price tables read 2026-07-10") },
    { id: "gpt-5.6-terra", displayName: "GPT-5.6 Terra", prices: openaiPrices(2.5, 15, "a price table read 2026-07-10") },
    { id: "gpt-5.6-luna", displayName: "GPT-5.6 Luna", prices: openaiPrices(1, 6, "a price table read 2026-07-10") },
  ] satisfies readonly OpenAIModelFacts[],
  defaultModel: "gpt-5.6-sol",
} as const;

export function findOpenAIModel(id: string): OpenAIModelFacts | undefined {
  return OPENAI.models.find((m) => m.id === id);
}

// ---------------------------------------------------------------------------------------------------
// Amazon Bedrock Converse (Claude and Nova) and Gemini: the facts docs/reference/vendors.md §3–§4 gives,
// as it gives them. Their targets are built beside this file (bedrock-converse*, gemini*).
// ---------------------------------------------------------------------------------------------------

const VENDORS_MD = "docs/reference/vendors.md";
export const BEDROCK_PROMPT_CACHING = "https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html";

export const BEDROCK_CACHE_POINT_BLOCK = "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CachePointBlock.html";
export const BEDROCK_TOKEN_USAGE = "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_TokenUsage.html";
const PORTKEY_COPY = "https://portkey.ai/docs/integrations/llms/bedrock/prompt-caching";
const NOVA_PRICE_QUOTES = "https://www.swfte.com/de/blog/amazon-nova-pro-pricing and https://pristren.com/blog/amazon-nova-micro-ultra-fast (quoting https://aws.amazon.com/bedrock/pricing/)";

export interface NovaModelFacts {
  /** CacheLab's id ("nova-pro"). */
  id: string;
  displayName: string;
  /** The base Bedrock id; CacheLab sends the `us.` cross-region profile. */
  bedrockId: string;
  /** Pydantic AI gives CodeExecutionTool to models with "nova-2" in the name (providers/bedrock.py); none listed here. */
  codeInterpreter: boolean;
  prices: VendorFact<{ input: UsdPerMTok; read: UsdPerMTok; write: UsdPerMTok; output: UsdPerMTok }>;
}

const novaPrices = (input: number, read: number, output: number) =>
  fact({ input: usdPerMTok(input), read: usdPerMTok(read), write: usdPerMTok(input), output: usdPerMTok(output) }, "https://aws.amazon.com/bedrock/pricing/", "2026-11-30", {
    unverified: `third-party quotes of AWS's price list (${NOVA_PRICE_QUOTES}); reads at 75% off input; no write premium is published for Nova, so a write is priced as plain input`,
  });

export const BEDROCK_CONVERSE = {
  vendor: "Amazon Bedrock (Converse)",
  /** Claude on Converse follows Anthropic's rules (minimums, lookback, TTL order) in Converse's shapes; at most 4 cachePoints. */
  checkpoints: fact(4, BEDROCK_PROMPT_CACHING, "2026-11-30", {
    checked: `${VENDORS_MD} §1; Bedrock passes on Claude's "A maximum of 4 blocks with cache_control may be provided. Found 5." (https://github.com/BerriAI/litellm/issues/16062) and Pydantic AI limits to 4 (MAX_CACHE_POINTS)`,
  }),
  /** `{"cachePoint": {"type": "default", "ttl"?: "5m" | "1h"}}`. */
  ttlValues: fact(["5m", "1h"] as const, BEDROCK_CACHE_POINT_BLOCK, "2026-11-30", {
    checked: "the CachePointBlock API reference: type \"default\" (required), ttl \"5m\" | \"1h\" (optional); 1h since 2026-01-26 on Claude 4.5 and later (docs/reference/vendors.md §3)",
  }),
  /** `inputTokens` is the uncached input only; reads and writes are their own fields; `cacheDetails` lists writes by TTL, 1h before 5m. */
  usageDisjoint: fact(true, BEDROCK_TOKEN_USAGE, "2026-11-30", {
    checked:
      "the TokenUsage API reference (cacheReadInputTokens, cacheWriteInputTokens, cacheDetails \"sorted by TTL duration (1h before 5m)\", empty without writes); \"inputTokens represents only the non-cached input tokens\" quoted from the prompt-caching guide in https://github.com/crmne/ruby_llm/pull/832",
  }),
  novaMinCacheableTokens: fact(tokens(1000) as Tokens, PORTKEY_COPY, "2026-11-30", {
    unverified: "a third-party copy of the AWS table (docs/reference/vendors.md §3); the AWS page itself gave only its opening here",
  }),
  novaMaxCheckpoints: fact(4, PORTKEY_COPY, "2026-11-30", { unverified: "a third-party copy of the AWS table (docs/reference/vendors.md §3)" }),
  novaMaxCachedTokens: fact(tokens(32_000) as Tokens, PORTKEY_COPY, "2026-11-30", {
    unverified: "a third-party copy of the AWS table (docs/reference/vendors.md §3); the emulator does not model it",
  }),
  novaCachesTools: fact(false, PORTKEY_COPY, "2026-11-30", {
    checked:
      "Bedrock's answer to a tools cachePoint on Nova, \"Malformed input request: #/toolConfig/tools/N: extraneous key [cachePoint] is not permitted, please reformat your input and try again.\", reported in https://github.com/NousResearch/hermes-agent/issues/97281 and https://github.com/danny-avila/LibreChat/issues/13838; Pydantic AI's Nova profile has no tool caching",
  }),
  /** Whether Nova honours `ttl: "1h"`: the 1h announcement names Claude only. */
  nova1h: fact(false, "https://aws.amazon.com/about-aws/whats-new/2026/01/amazon-bedrock-one-hour-duration-prompt-caching/", "2026-11-30", {
    unverified: "docs/reference/vendors.md §3 reads the announcement as Claude 4.5 and later only; what Nova does with ttl \"1h\" is not documented (the emulator caches it for 5 minutes)",
  }),
  novaModels: [
    { id: "nova-micro", displayName: "Amazon Nova Micro", bedrockId: "amazon.nova-micro-v1:0", codeInterpreter: false, prices: novaPrices(0.035, 0.00875, 0.14) },
    { id: "nova-lite", displayName: "Amazon Nova Lite", bedrockId: "amazon.nova-lite-v1:0", codeInterpreter: false, prices: novaPrices(0.06, 0.015, 0.24) },
    { id: "nova-pro", displayName: "Amazon Nova Pro", bedrockId: "amazon.nova-pro-v1:0", codeInterpreter: false, prices: novaPrices(0.8, 0.2, 3.2) },
  ] satisfies readonly NovaModelFacts[],
} as const;

export const GEMINI_CACHING = "https://ai.google.dev/gemini-api/docs/caching";
export const GEMINI_PRICING = "https://ai.google.dev/gemini-api/docs/pricing";
export const VERTEX_CONTEXT_CACHE = "https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/context-cache/context-cache-overview";
// Copies of the caching page this repository could read (the live site was not reachable from here): an older one
// with "If not set, the TTL defaults to 1 hour" and "There are no minimum or maximum bounds on the TTL", and a dated
// mirror of the docs, 2026-06-26, with the newest table of minimums.
const GEMINI_CACHING_COPY = "the caching page's text in public copies (ai.google.dev/gemini-api/docs/caching as indexed, and a mirror of the docs dated 2026-06-26: https://techdevnotes.com/releases/gemini-docs/20260626-140339Z-75a2454c2e49/content/pages/caching.txt)";
const GEMINI_READ_ON = "2026-11-30";

export interface GeminiModelFacts {
  id: string;
  displayName: string;
  /** The minimum token count of a cache object (and of an implicit hit); caches.create refuses less. */
  minCacheableTokens: VendorFact<Tokens>;
  /** USD per million tokens; `cached` is the price of a cached token read, `storagePerHour` per million tokens per hour held. Prompts ≤ 200k tokens. */
  prices: VendorFact<{ input: UsdPerMTok; cached: UsdPerMTok; storagePerHour: UsdPerMTok; output: UsdPerMTok }>;
}

const geminiPrices = (input: number, cached: number, storagePerHour: number, output: number, how: { checked?: string; unverified?: string }) =>
  fact({ input: usdPerMTok(input), cached: usdPerMTok(cached), storagePerHour: usdPerMTok(storagePerHour), output: usdPerMTok(output) }, GEMINI_PRICING, GEMINI_READ_ON, how);

const GEMINI_MIN_CONFLICT =
  "the copies of the caching page disagree: an older table gives 1,024 for 2.5 Flash and 3 Flash Preview and 4,096 for 2.5 Pro and 3 Pro Preview, the 2026-06-26 mirror 2,048 for 2.5 Flash and 2.5 Pro and 4,096 for Gemini 3.x; Gemini answered \"min_total_token_count=1024\" for gemini-2.5-flash in https://github.com/BerriAI/litellm/issues/17696 (2025-12) and 4096 in https://github.com/zyddnys/manga-image-translator/issues/929 (2025-04); CacheLab takes the newest mirror";

export const GEMINI = {
  vendor: "Google Gemini",
  /** Implicit caching (2.5 and later): on by default, no markers, best effort, so "possible, not promised". */
  implicitBestEffort: fact(true, GEMINI_CACHING, GEMINI_READ_ON, {
    checked: `${GEMINI_CACHING_COPY}: implicit caching is "no cost saving guarantee", explicit caching a "cost saving guarantee"; dead zones reported in https://github.com/googleapis/python-genai/issues/2064 (${VENDORS_MD} §4)`,
  }),
  /** `ttl` left out: one hour. */
  defaultTtlSeconds: fact(3600, GEMINI_CACHING, GEMINI_READ_ON, { checked: `${GEMINI_CACHING_COPY}: "If not set, the TTL defaults to 1 hour"` }),
  /** "There are no minimum or maximum bounds on the TTL." */
  ttlUnbounded: fact(true, GEMINI_CACHING, GEMINI_READ_ON, { checked: GEMINI_CACHING_COPY }),
  /**
   * A cache object lives until its expire time (creation + ttl) whatever is read from it; PATCH changes the
   * ttl or expire_time. No copy says a read extends it.
   */
  refreshedOnRead: fact(false, GEMINI_CACHING, GEMINI_READ_ON, {
    unverified: "the caching page describes expiry by ttl / expire_time and updates by PATCH and says nothing of reads extending a cache; inferred from that silence",
  }),
  /** Storage is "billed based on the TTL duration of cached token count": the whole ttl, per token-hour. */
  storageBilledForTtl: fact(true, GEMINI_CACHING, GEMINI_READ_ON, { checked: `${GEMINI_CACHING_COPY}: "Storage duration: The amount of time cached tokens are stored (TTL), billed based on the TTL duration of cached token count"` }),
  /** Creating a cache bills its tokens at the standard input price (Vertex says so; the Gemini API's page does not). */
  creationAtInputPrice: fact(true, VERTEX_CONTEXT_CACHE, GEMINI_READ_ON, {
    checked: `the Vertex overview: "you're billed for the input tokens used to create the cache at the standard input token price"`,
    unverified: "for the Gemini API (ai.google.dev) users report no creation charge on their bills (https://discuss.ai.google.dev/t/this-is-a-question-about-explicit-caching/114069; docs/reference/vendors.md §1 \"disputed\"); CacheLab charges it, the costlier reading",
  }),
  /** Cached tokens cost 10% of input on 2.5 and later (75% off on 2.0, Vertex). */
  readDiscount: fact(0.9, GEMINI_CACHING, GEMINI_READ_ON, { checked: `${VENDORS_MD} §1; the Vertex overview: "a 90% discount on cached tokens compared to standard input tokens"` }),
  /** One cache object per request (`cachedContent` names one); caches cannot be chained. */
  oneCachePerRequest: fact(true, GEMINI_CACHING, GEMINI_READ_ON, { checked: `${VENDORS_MD} §1` }),
  /** A request with `cachedContent` may not also set systemInstruction, tools or toolConfig: 400 INVALID_ARGUMENT. */
  cachedRequestRefusesSystemAndTools: fact(
    "Tool config, tools and system instruction should not be set in the request when using cached content.",
    GEMINI_CACHING,
    GEMINI_READ_ON,
    {
      checked: `${VENDORS_MD} §4; the 400 message as Gemini returns it, quoted in https://github.com/567-labs/instructor/issues/2580 (2026-08) and https://github.com/googleapis/python-genai/issues/348; older text "CachedContent can not be used with GenerateContent request setting system_instruction, tools or tool_config" (https://github.com/vercel/ai/issues/3333)`,
    },
  ),
  /** caches.create below the minimum: 400 INVALID_ARGUMENT "Cached content is too small. total_token_count=N, min_total_token_count=M". */
  tooSmallMessage: fact("Cached content is too small. total_token_count={total}, min_total_token_count={min}", GEMINI_CACHING, GEMINI_READ_ON, {
    checked: "Gemini's 400 as quoted in https://github.com/BerriAI/litellm/issues/17696 and https://github.com/zyddnys/manga-image-translator/issues/929",
  }),
  /** `usageMetadata.cachedContentTokenCount` is inside `promptTokenCount`. */
  cachedInsidePrompt: fact(true, GEMINI_CACHING, GEMINI_READ_ON, { checked: `${VENDORS_MD} §1 (cachedContentTokenCount is inside promptTokenCount)` }),
  models: [
    {
      id: "gemini-2.5-pro",
      displayName: "Gemini 2.5 Pro",
      minCacheableTokens: fact(tokens(2048) as Tokens, GEMINI_CACHING, GEMINI_READ_ON, { unverified: GEMINI_MIN_CONFLICT }),
      prices: geminiPrices(1.25, 0.125, 4.5, 10, {
        checked: `storage $4.50 / 1M tokens / hour: ${VENDORS_MD} §1`,
        unverified: "input $1.25, cached $0.125 and output $10 (prompts ≤ 200k) are the pricing page as quoted in https://discuss.ai.google.dev/t/question-about-gemini-api-caching-pricing/107349; another quote of the same page gives cached $0.31 (https://discuss.ai.google.dev/t/gemini-2-5-pro-context-cache-pricing-per-request-vs-cumulative-token-counting/92919)",
      }),
    },
    {
      id: "gemini-2.5-flash",
      displayName: "Gemini 2.5 Flash",
      minCacheableTokens: fact(tokens(2048) as Tokens, GEMINI_CACHING, GEMINI_READ_ON, { unverified: GEMINI_MIN_CONFLICT }),
      prices: geminiPrices(0.3, 0.03, 1, 2.5, {
        unverified: "input $0.30 and output $2.50 as quoted from the pricing page in https://deploybase.ai/articles/gemini-api-pricing (2026-01); cached $0.03 (10% of input, the documented discount) and storage $1.00 / 1M tokens / hour from third-party copies of the page only",
      }),
    },
    {
      id: "gemini-3-pro-preview",
      displayName: "Gemini 3 Pro Preview",
      minCacheableTokens: fact(tokens(4096) as Tokens, GEMINI_CACHING, GEMINI_READ_ON, { unverified: GEMINI_MIN_CONFLICT }),
      prices: geminiPrices(2, 0.2, 4.5, 12, {
        unverified: "cached $0.20 is the pricing page as quoted in https://discuss.ai.google.dev/t/this-is-a-question-about-explicit-caching/114069; input $2, output $12 and storage $4.50 from third-party copies only",
      }),
    },
  ] satisfies readonly GeminiModelFacts[],
  defaultModel: "gemini-2.5-pro",
} as const;

export function findGeminiModel(id: string): GeminiModelFacts | undefined {
  return GEMINI.models.find((m) => m.id === id || `models/${m.id}` === id);
}
