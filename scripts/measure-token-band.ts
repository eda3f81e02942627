// Measures CacheLab's token estimate against real counts (issue 10 item 13): every request to
// api.anthropic.com recorded in a checkout of pydantic/pydantic-ai's VCR cassettes
// (tests/**/cassettes/**/*anthropic*.yaml: the request body as sent, and the real `usage` or
// `count_tokens` answer), estimated the way the preview and the emulator estimate it
// (lib/cache/prefix.ts with the model's tokenizer and tool-use prompt, lib/cache/catalog.ts).
// Only requests whose content the estimator models are kept: text, tool_use, tool_result with text,
// custom tools; no images, documents, thinking, server tools or structured-output formats.
//
//   npx tsx --tsconfig tsconfig.json scripts/measure-token-band.ts /path/to/pydantic-ai [min-tokens]
//
// It prints one line per request and the band of real/estimate over requests of at least
// min-tokens (default 500) real tokens: the numbers behind ESTIMATE_BAND in lib/cache/tokens.ts.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { findModel, tokenModelFor } from "@/lib/cache/catalog";
import { promptTokens } from "@/lib/cache/prefix";
import type { PromptParts } from "@/lib/cache/wire-types";

type Body = Record<string, unknown> & { model?: string; messages?: { role: string; content: unknown }[]; tools?: Record<string, unknown>[]; system?: unknown };

const KNOWN_KEYS = new Set(["model", "max_tokens", "messages", "system", "tools", "stream", "cache_control", "tool_choice", "metadata", "temperature", "top_p", "top_k", "stop_sequences"]);
const MODELLED_BLOCKS = new Set(["text", "tool_use", "tool_result"]);

function cassettes(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...cassettes(path));
    else if (path.includes("cassettes") && name.endsWith(".yaml") && path.toLowerCase().includes("anthropic")) out.push(path);
  }
  return out;
}

/** Why the estimator cannot model this body, or null when it can. */
function unmodelled(body: Body): string | null {
  for (const key of Object.keys(body)) if (!KNOWN_KEYS.has(key)) return `field ${key}`;
  if (Array.isArray(body.system)) for (const b of body.system as { type: string }[]) if (b.type !== "text") return `system ${b.type}`;
  for (const t of body.tools ?? []) if (typeof t.type === "string" && t.type !== "custom") return `tool ${t.type}`;
  for (const m of body.messages ?? []) {
    if (typeof m.content === "string") continue;
    for (const b of m.content as { type: string; content?: unknown }[]) {
      if (!MODELLED_BLOCKS.has(b.type)) return `block ${b.type}`;
      if (b.type === "tool_result" && Array.isArray(b.content) && b.content.some((c: { type?: string }) => c.type !== "text")) return "tool_result media";
    }
  }
  return null;
}

function realCount(uri: string, response: Record<string, unknown>): number | null {
  if (uri.includes("count_tokens")) return typeof response.input_tokens === "number" ? response.input_tokens : null;
  const u = response.usage as Record<string, number | null> | undefined;
  if (!u || typeof u.input_tokens !== "number") return null;
  return u.input_tokens + (u.cache_read_input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0);
}

const root = process.argv[2];
const floor = Number(process.argv[3] ?? 500);
if (!root) {
  console.error("usage: measure-token-band.ts /path/to/pydantic-ai [min-tokens]");
  process.exit(2);
}
const seen = new Set<string>();
const rows: { file: string; model: string; real: number; estimate: number; ratio: number }[] = [];
for (const file of cassettes(join(root, "tests"))) {
  let doc: { interactions?: { request?: { uri?: string; parsed_body?: Body }; response?: { parsed_body?: Record<string, unknown> } }[] };
  try {
    doc = parse(readFileSync(file, "utf8"));
  } catch {
    continue;
  }
  for (const it of doc?.interactions ?? []) {
    const body = it.request?.parsed_body;
    const uri = it.request?.uri ?? "";
    const response = it.response?.parsed_body;
    if (!body || !response || !uri.includes("api.anthropic.com") || typeof body.model !== "string") continue;
    const real = realCount(uri, response);
    if (real === null || unmodelled(body)) continue;
    const key = JSON.stringify([body.model, body.system, body.tools, body.messages]);
    if (seen.has(key)) continue;
    seen.add(key);
    const choice = (body.tool_choice as { type?: "auto" | "any" | "tool" | "none" } | undefined)?.type ?? "auto";
    const parts = { system: body.system, tools: body.tools, messages: body.messages } as unknown as PromptParts;
    const estimate = promptTokens(parts, tokenModelFor(findModel(body.model), choice));
    rows.push({ file: relative(root, file), model: body.model, real, estimate, ratio: real / estimate });
  }
}
rows.sort((a, b) => a.ratio - b.ratio);
for (const r of rows) console.log(`${r.ratio.toFixed(3)}\t${r.real}\t${r.estimate}\t${r.model}\t${r.file}`);
const kept = rows.filter((r) => r.real >= floor).map((r) => r.ratio);
const median = kept.length ? kept[Math.floor(kept.length / 2)]! : NaN;
console.log(
  `\n${rows.length} modelled requests; ${kept.length} with at least ${floor} real tokens: real/estimate from ${kept[0]?.toFixed(2)} to ${kept.at(-1)?.toFixed(2)}, median ${median.toFixed(2)}`,
);
