// Calls the production build's server actions over plain HTTP, as any client could: a POST with
// the action's id (read from the build's server-reference manifest), the arguments as a JSON array,
// and the Result read back from the Flight response.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DIST_DIR } from "./server";

export type ActionName =
  | "runExperimentAction"
  | "runParallelAction"
  | "getRunEnvironmentAction"
  | "setAccessTokenAction"
  | "advanceEmulatorClockAction"
  | "resetEmulatorCacheAction"
  | "listEmulatorEntriesAction"
  | "injectEmulatorFaultAction";

export function actionIds(): Record<ActionName, string> {
  const manifest = JSON.parse(readFileSync(join(fileURLToPath(new URL("../..", import.meta.url)), DIST_DIR, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  return Object.fromEntries(Object.entries(manifest.node).map(([id, v]) => [v.exportedName, id])) as Record<ActionName, string>;
}

export interface ActionRequest {
  url: string;
  method: "POST";
  headers: Record<string, string>;
  body: string;
}

export function actionRequest(base: string, id: string, args: unknown[], headers: Record<string, string> = {}): ActionRequest {
  return {
    url: `${base}/`,
    method: "POST",
    headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", ...headers },
    body: JSON.stringify(args),
  };
}

export interface ActionAnswer {
  status: number;
  contentType: string | null;
  setCookie: string | null;
  bytes: number;
  /** The action's Result, or the server's text when it refused the request before Next. */
  result: { ok: boolean; value?: unknown; error?: { code: string; message: string; issues?: unknown[]; retryAfterSeconds?: number; status?: number } } | null;
  text: string;
}

/**
 * The rows of a Flight response: `id:json\n`, or `id:T<hex byte length>,<text>` for a long string
 * (React's wire format, which the Result's strings may be outlined into).
 */
function flightRows(text: string): Map<string, unknown> {
  const bytes = Buffer.from(text, "utf8");
  const rows = new Map<string, unknown>();
  let i = 0;
  while (i < bytes.length) {
    const colon = bytes.indexOf(0x3a, i);
    if (colon < 0) break;
    const id = bytes.subarray(i, colon).toString("utf8");
    if (bytes[colon + 1] === 0x54) {
      const comma = bytes.indexOf(0x2c, colon);
      const length = parseInt(bytes.subarray(colon + 2, comma).toString("utf8"), 16);
      rows.set(id, { text: bytes.subarray(comma + 1, comma + 1 + length).toString("utf8") });
      i = comma + 1 + length;
      continue;
    }
    let end = bytes.indexOf(0x0a, colon);
    if (end < 0) end = bytes.length;
    try {
      rows.set(id, JSON.parse(bytes.subarray(colon + 1, end).toString("utf8")));
    } catch {
      rows.set(id, undefined);
    }
    i = end + 1;
  }
  return rows;
}

/** A value with Flight's string references ("$2" → row 2's text, "$$x" → "$x") resolved. */
function resolveRefs(value: unknown, rows: Map<string, unknown>): unknown {
  if (typeof value === "string") {
    if (value.startsWith("$$")) return value.slice(1);
    const ref = /^\$(\d+)$/.exec(value);
    if (ref) {
      const row = rows.get(ref[1]!) as { text?: string } | undefined;
      return row && typeof row === "object" && "text" in row ? row.text : resolveRefs(row, rows);
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, rows));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, rows)]));
  return value;
}

/** The Result in a Flight response: the row the action result points at ("a":"$@1"). */
export function readAnswer(status: number, contentType: string | null, setCookie: string | null, text: string): ActionAnswer {
  let result: ActionAnswer["result"] = null;
  if (contentType?.startsWith("text/x-component")) {
    const rows = flightRows(text);
    const head = rows.get("0") as { a?: string } | undefined;
    const id = head?.a?.replace(/^\$@/, "") ?? "1";
    if (rows.has(id)) result = resolveRefs(rows.get(id), rows) as ActionAnswer["result"];
  }
  return { status, contentType, setCookie, bytes: Buffer.byteLength(text), result, text: result ? "" : text.slice(0, 2_000) };
}

export async function callAction(request: ActionRequest): Promise<ActionAnswer> {
  const r = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
  return readAnswer(r.status, r.headers.get("content-type"), r.headers.get("set-cookie"), await r.text());
}
