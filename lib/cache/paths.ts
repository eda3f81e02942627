// Two ways to name a block, as two types that do not mix (docs/style.md habit 4, brand the units):
// - a RequestPath names it as the provider receives it ("messages[0].content[25]": the body's
//   indexes, with no cache_point items, no empty text, tools deduplicated);
// - a DocumentPath names it as the experiment holds it, which is what the editor shows and selects
//   ("messages[0].content[26]" when a cache_point sits before it, "output_tools[0]",
//   "settings.cache_messages").
// buildRequest makes the one mapping from the first to the second (PathMap); everything that shows
// a block or selects one in the editor goes through it, and every label says which path it shows.
declare const requestPathBrand: unique symbol;
declare const documentPathBrand: unique symbol;

export type RequestPath = string & { readonly [requestPathBrand]: "RequestPath" };
export type DocumentPath = string & { readonly [documentPathBrand]: "DocumentPath" };

// The only two places a string becomes a path; everything else builds paths through the makers below.
const asRequest = (path: string): RequestPath => path as RequestPath;
const asDocument = (path: string): DocumentPath => path as DocumentPath;

export const requestPath = {
  tool: (index: number) => asRequest(`tools[${index}]`),
  /** The system prompt: "system" when sent as a string, "system[0]" as a block (the builder sends one). */
  system: (asBlocks: boolean) => asRequest(asBlocks ? "system[0]" : "system"),
  systemBlock: (index: number) => asRequest(`system[${index}]`),
  block: (messageIndex: number, blockIndex: number) => asRequest(`messages[${messageIndex}].content[${blockIndex}]`),
  /** A message whose content is one string (the API reads it as one text block). */
  stringContent: (messageIndex: number) => asRequest(`messages[${messageIndex}].content`),
};

/** The cache settings; "cache" is automatic caching (the top-level cache_control, Pydantic AI v1.83.0 on). */
export type CacheSettingName = "cache_instructions" | "cache_tool_definitions" | "cache_messages" | "cache";

export const documentPath = {
  tool: (index: number) => asDocument(`tools[${index}]`),
  outputTool: (index: number) => asDocument(`output_tools[${index}]`),
  builtinTool: (index: number) => asDocument(`builtin_tools[${index}]`),
  builtinTools: () => asDocument("builtin_tools"),
  systemPart: (index: number) => asDocument(`system[${index}]`),
  instructions: () => asDocument("instructions"),
  /** One instruction part, when the instructions are a list of parts (Pydantic AI v1.77.0 on). */
  instructionPart: (index: number) => asDocument(`instructions[${index}]`),
  message: (messageIndex: number) => asDocument(`messages[${messageIndex}]`),
  item: (messageIndex: number, contentIndex: number) => asDocument(`messages[${messageIndex}].content[${contentIndex}]`),
  /** A field inside an item or a tool: "tools[1].description", "messages[0].content[2].content". */
  field: (base: DocumentPath, key: string) => asDocument(`${base}.${key}`),
  setting: (name: CacheSettingName) => asDocument(`settings.${name}`),
  providerOption: (name: "bedrock_ttl" | "bedrock_profile") => asDocument(`provider_options.${name}`),
  /** A top-level field of the document: "model", "messages". */
  top: (name: "model" | "messages" | "system" | "tools" | "builtin_tools" | "settings") => asDocument(name),
};

const REQUEST_PATH = /^(?:tools\[\d+\]|system(?:\[\d+\])?|messages\[\d+\]\.content(?:\[\d+\])?)$/;
const DOCUMENT_PATH =
  /^(?:(?:(?:tools|output_tools|builtin_tools|system|instructions)\[\d+\]|messages\[\d+\](?:\.content\[\d+\])?)(?:\.[a-z_]+)*|instructions|builtin_tools|model|messages|system|tools|(?:settings|provider_options)(?:\.[a-z_]+)?)$/;

/** A request path read from outside the builder (a stored run, a test), checked: undefined when malformed. */
export function parseRequestPath(path: string): RequestPath | undefined {
  return REQUEST_PATH.test(path) ? asRequest(path) : undefined;
}

/** A document path read from outside the builder (a stored run, a test), checked: undefined when malformed. */
export function parseDocumentPath(path: string): DocumentPath | undefined {
  return DOCUMENT_PATH.test(path) ? asDocument(path) : undefined;
}

/** Request paths as the API writes them in its errors: "messages[0].content[4]" → "messages.0.content.4". */
export function apiPath(path: RequestPath): string {
  return path.replace(/\[(\d+)\]/g, ".$1");
}

/** How a request path reads in a label or a sentence: it says it names the block as sent. */
export function requestPathLabel(path: RequestPath): string {
  return `request ${path}`;
}

/** How a document path reads in a label or a sentence: it says it names the place in the experiment. */
export function documentPathLabel(path: DocumentPath): string {
  return `experiment ${path}`;
}

/** Request path → document path for every block of one built request (made by buildRequest only). */
export interface PathMap {
  toDocument(path: RequestPath): DocumentPath | undefined;
  /** Every block, in no particular order. */
  entries(): IterableIterator<[RequestPath, DocumentPath]>;
}

export function pathMap(pairs: Iterable<readonly [RequestPath, DocumentPath]>): PathMap {
  const map = new Map<RequestPath, DocumentPath>(pairs);
  return { toDocument: (path) => map.get(path), entries: () => map.entries() };
}
