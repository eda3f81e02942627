// Document paths taken apart and put back together, for the editor: which section and which item a
// path names ("messages[2].content[0]", "tools[1]", "builtin_tools[0]"), and the DOM anchor of that
// block. The paths themselves are made by lib/cache/paths.ts; the editor only reads them.
import { type DocumentPath, documentPath } from "@/lib/cache/paths";

export type EditorPath =
  | { section: "system"; index: number }
  | { section: "instructions"; index?: number }
  | { section: "tools"; index: number }
  | { section: "output_tools"; index: number }
  | { section: "builtin_tools"; index: number }
  | { section: "messages"; messageIndex: number; blockIndex?: number }
  | { section: "settings" };

const INDEXED = /^(system|tools|output_tools|builtin_tools)\[(\d+)\]/;
const MESSAGE = /^messages\[(\d+)\](?:\.content\[(\d+)\])?/;

/** Which block a document path names; a field path ("tools[1].description") names its block. */
export function parseEditorPath(path: DocumentPath): EditorPath | undefined {
  const message = MESSAGE.exec(path);
  if (message) {
    const messageIndex = Number(message[1]);
    return message[2] === undefined ? { section: "messages", messageIndex } : { section: "messages", messageIndex, blockIndex: Number(message[2]) };
  }
  const indexed = INDEXED.exec(path);
  if (indexed) return { section: indexed[1] as "system" | "tools" | "output_tools" | "builtin_tools", index: Number(indexed[2]) };
  if (path === "instructions") return { section: "instructions" };
  const part = /^instructions\[(\d+)\]/.exec(path);
  if (part) return { section: "instructions", index: Number(part[1]) };
  if (path.startsWith("settings")) return { section: "settings" };
  return undefined;
}

/** The block's own path, also the DOM anchor of the block in the editor. */
export function formatEditorPath(path: EditorPath): DocumentPath {
  switch (path.section) {
    case "system":
      return documentPath.systemPart(path.index);
    case "tools":
      return documentPath.tool(path.index);
    case "output_tools":
      return documentPath.outputTool(path.index);
    case "builtin_tools":
      return documentPath.builtinTool(path.index);
    case "messages":
      return path.blockIndex === undefined ? documentPath.message(path.messageIndex) : documentPath.item(path.messageIndex, path.blockIndex);
    case "instructions":
      return path.index === undefined ? documentPath.instructions() : documentPath.instructionPart(path.index);
    case "settings":
      return documentPath.top("settings");
  }
}

/** A DOM id safe to put in `id=""` and `#fragment` for a path. */
export function anchorIdFor(path: DocumentPath): string {
  return `block-${path.replace(/[^a-zA-Z0-9]+/g, "-").replace(/-+$/, "")}`;
}
