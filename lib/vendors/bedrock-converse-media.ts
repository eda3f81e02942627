// Images and documents as Pydantic AI's BedrockConverseModel sends them (`_map_file_to_content_block`, B
// 976-1011 at v1.74.0): an `s3://` URL becomes an `s3Location`; any other URL is downloaded and sent as
// bytes. CacheLab never fetches a user-supplied URL (docs/design.md §10), so such a block carries the URL's
// own text as stand-in bytes and the build says so in its notes. The format comes from the URL's
// extension, as Python's `mimetypes.guess_type` reads it, through the lookup tables of messages.py.
import type { ConverseSource } from "./bedrock-converse-types";

/** `_image_format_lookup` / `_document_format_lookup` (messages.py 869-893 at v1.74.0), keyed by extension. */
const IMAGE_FORMATS: Record<string, string> = { jpg: "jpeg", jpeg: "jpeg", jpe: "jpeg", png: "png", gif: "gif", webp: "webp" };
const DOCUMENT_FORMATS: Record<string, string> = {
  pdf: "pdf",
  txt: "txt",
  csv: "csv",
  docx: "docx",
  xlsx: "xlsx",
  html: "html",
  htm: "html",
  md: "md",
  markdown: "md",
  doc: "doc",
  xls: "xls",
};
/** `_SUPPORTED_IMAGE_FORMATS` / `_SUPPORTED_DOCUMENT_FORMATS` (B 93-95 at v1.74.0). */
const SUPPORTED_IMAGE = new Set(["jpeg", "png", "gif", "webp"]);
const SUPPORTED_DOCUMENT = new Set(["pdf", "txt", "csv", "doc", "docx", "xls", "xlsx", "html", "md"]);
/**
 * The media subtype `mimetypes.guess_type` gives other extensions: where the lookup tables have no format
 * for it, `_map_file_to_content_block` sends the subtype as the format, which `_make_*_block` then refuses.
 */
const SUBTYPES: Record<string, string> = {
  ...IMAGE_FORMATS,
  pdf: "pdf",
  txt: "plain",
  csv: "csv",
  html: "html",
  htm: "html",
  md: "markdown",
  doc: "msword",
  xls: "vnd.ms-excel",
  docx: "vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  bmp: "bmp",
  tif: "tiff",
  tiff: "tiff",
  svg: "svg+xml",
  rtf: "rtf",
  json: "json",
  xml: "xml",
  zip: "zip",
  mp4: "mp4",
  mp3: "mpeg",
};

/**
 * The extension `mimetypes.guess_type` reads: from Python 3.13 it parses a URL and reads its path, so a query
 * or fragment does not count (Python 3.12 and older read them as part of the extension and infer nothing).
 */
function extensionOf(url: string): string | undefined {
  const path = url.replace(/[?#].*$/, "");
  const last = path.slice(path.lastIndexOf("/") + 1);
  const dot = last.lastIndexOf(".");
  return dot >= 0 ? last.slice(dot + 1).toLowerCase() : undefined;
}

export type MediaKind = "image" | "document";

/** The format Pydantic AI sends for a URL, or its own error (ValueError, UserError) word for word. */
export function mediaFormat(kind: MediaKind, url: string): { ok: true; format: string } | { ok: false; message: string } {
  const ext = extensionOf(url);
  const format = ext === undefined ? undefined : ((kind === "image" ? IMAGE_FORMATS : DOCUMENT_FORMATS)[ext] ?? SUBTYPES[ext]);
  if (format === undefined) {
    const what = kind === "image" ? "image URL" : "document URL";
    return { ok: false, message: `Could not infer media type from ${what}: ${url}. Explicitly provide a \`media_type\` instead.` };
  }
  const supported = kind === "image" ? SUPPORTED_IMAGE : SUPPORTED_DOCUMENT;
  if (!supported.has(format)) return { ok: false, message: `Unsupported ${kind} format: ${format}` };
  return { ok: true, format };
}

function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** `_parse_s3_source` (B 199-206 at v1.74.0): the URI without its query, `bucketOwner` from the query. */
export function mediaSource(url: string): { source: ConverseSource; downloaded: boolean } {
  if (url.startsWith("s3://")) {
    const q = url.indexOf("?");
    const uri = q >= 0 ? url.slice(0, q) : url;
    const owner = q >= 0 ? new URLSearchParams(url.slice(q + 1)).get("bucketOwner") : null;
    return { source: { s3Location: owner ? { uri, bucketOwner: owner } : { uri } }, downloaded: false };
  }
  return { source: { bytes: base64Utf8(url) }, downloaded: true };
}
