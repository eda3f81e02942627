// `GET /v1/models` and `GET /v1/models/{model_id}` on the Claude API surface, from the model catalog, in
// the documented shape (`ModelInfo`, paged as `{data, has_more, first_id, last_id}` with `limit`,
// `after_id`, `before_id`; https://platform.claude.com/docs/en/api/models-list, @anthropic-ai/sdk
// resources/models.ts). "More recently released models are listed first"; when omitted, `lifecycle`
// lists the active and deprecated models, retired ones only when asked for. Foundry and Claude in Amazon
// Bedrock have no models endpoint (docs/reference/anthropic-caching.md §6.2, §6.4): the transport answers
// 404 there.
import { CATALOG, type CatalogModel, findModel, snapshotIds } from "@/lib/cache/catalog";
import { type Result, err, ok } from "@/lib/cache/result";
import { invalidRequest, notFound } from "./engine/errors";
import type { EngineError } from "./engine/types";

type Lifecycle = "active" | "deprecated" | "retired";

export interface ModelInfo {
  type: "model";
  id: string;
  display_name: string;
  /** RFC 3339; the epoch when the release date is unknown, as the API documents. */
  created_at: string;
  lifecycle: Lifecycle;
  deprecated_at: string | null;
  retires_at: string | null;
  line: (typeof LINES)[number] | null;
  capabilities: null;
  max_input_tokens: number | null;
  max_tokens: number | null;
}

export interface ModelPage {
  data: ModelInfo[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}

const EPOCH = "1970-01-01T00:00:00Z";
const LINES = ["opus", "sonnet", "haiku", "fable", "mythos"] as const;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;

/** The id the API lists a model under: its dated snapshot where it has one, else its alias. */
const listedId = (m: CatalogModel) => snapshotIds(m)[0] ?? m.ids.anthropic ?? m.id;

/**
 * The Claude API's models: those it serves, and those it retired, which "remain in the catalogue as the
 * historical record of its retirement" (@anthropic-ai/sdk ModelInfo.lifecycle).
 */
const onClaudeApi = (m: CatalogModel) => m.ids.anthropic !== undefined || m.status === "retired";

function releaseDate(m: CatalogModel): string {
  const dated = /-(\d{4})(\d{2})(\d{2})$/.exec(snapshotIds(m)[0] ?? "");
  return dated ? `${dated[1]}-${dated[2]}-${dated[3]}T00:00:00Z` : EPOCH;
}

/** Generation of a model from its id (Opus 5 after Opus 4.8), to list the newest first when dates are unknown. */
function generation(m: CatalogModel): number {
  const modern = /^claude-(?:opus|sonnet|haiku|fable|mythos)-(\d+)(?:-(\d))?/.exec(m.id);
  if (modern) return Number(modern[1]) + Number(modern[2] ?? 0) / 10;
  const legacy = /^claude-(\d+)-(\d)/.exec(m.id);
  return legacy ? Number(legacy[1]) + Number(legacy[2]) / 10 : 0;
}

function info(m: CatalogModel): ModelInfo {
  const line = LINES.find((l) => new RegExp(`^claude-(?:\\d-\\d-)?${l}(?:-|$)`).test(m.id)) ?? null;
  const retired = m.status === "retired";
  return {
    type: "model",
    id: listedId(m),
    display_name: m.displayName,
    created_at: releaseDate(m),
    lifecycle: retired ? "retired" : "active",
    deprecated_at: retired && m.retiredOn ? `${m.retiredOn}T00:00:00Z` : null,
    retires_at: null,
    line,
    capabilities: null,
    max_input_tokens: null,
    max_tokens: null,
  };
}

const FIRST_PARTY: readonly CatalogModel[] = CATALOG.filter(onClaudeApi).sort(
  (a, b) => generation(b) - generation(a) || releaseDate(b).localeCompare(releaseDate(a)),
);

function lifecyclesAsked(url: URL): Result<Set<Lifecycle>, EngineError> {
  const raw = [...url.searchParams.getAll("lifecycle"), ...url.searchParams.getAll("lifecycle[]")].flatMap((v) => v.split(","));
  if (raw.length === 0) return ok(new Set<Lifecycle>(["active", "deprecated"]));
  const asked = new Set<Lifecycle>();
  for (const v of raw) {
    if (v !== "active" && v !== "deprecated" && v !== "retired") return err(invalidRequest(`lifecycle: Input should be 'active', 'deprecated' or 'retired'`));
    asked.add(v);
  }
  return ok(asked);
}

/** One page of `GET /v1/models`. */
export function listModels(url: URL): Result<ModelPage, EngineError> {
  const limitParam = url.searchParams.get("limit");
  const limit = limitParam === null ? DEFAULT_LIMIT : Number(limitParam);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return err(invalidRequest(`limit: Input should be an integer between 1 and ${MAX_LIMIT}`));
  const asked = lifecyclesAsked(url);
  if (!asked.ok) return asked;
  const all = FIRST_PARTY.map(info).filter((m) => asked.value.has(m.lifecycle));
  const afterId = url.searchParams.get("after_id");
  const beforeId = url.searchParams.get("before_id");
  let start = 0;
  let end = all.length;
  if (afterId !== null) {
    const i = all.findIndex((m) => m.id === afterId);
    if (i < 0) return err(invalidRequest(`after_id: no model ${afterId} in this list`));
    start = i + 1;
  }
  if (beforeId !== null) {
    const i = all.findIndex((m) => m.id === beforeId);
    if (i < 0) return err(invalidRequest(`before_id: no model ${beforeId} in this list`));
    end = i;
    start = Math.max(start, end - limit);
  }
  const data = all.slice(start, Math.min(end, start + limit));
  const hasMore = beforeId !== null ? start > 0 : start + data.length < end;
  return ok({ data, has_more: hasMore, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null });
}

/** `GET /v1/models/{model_id}`: an alias resolves to the model it names; 404 `model: <id>` otherwise. */
export function retrieveModel(id: string): Result<ModelInfo, EngineError> {
  const model = findModel(id);
  if (!model || !onClaudeApi(model) || (id !== model.id && id !== model.ids.anthropic && !snapshotIds(model).includes(id))) return err(notFound(`model: ${id}`));
  return ok(info(model));
}
