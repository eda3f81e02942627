// JSON paths in the experiment document ("messages[2].content[0]", "tools[1]", "system[0]"), the
// address the preview, the analysis and the runs explainer use to point at a block in the editor.

export type EditorPath =
  | { section: "system"; index: number }
  | { section: "instructions"; index?: number }
  | { section: "tools"; index: number }
  | { section: "output_tools"; index: number }
  | { section: "messages"; messageIndex: number; blockIndex?: number }
  | { section: "settings" };

const INDEXED = /^(system|tools|output_tools)\[(\d+)\]/;
const MESSAGE = /^messages\[(\d+)\](?:\.content(?:\[(\d+)\])?)?/;

/** Parses a JSON path; unknown shapes give undefined rather than a guess. */
export function parseEditorPath(path: string): EditorPath | undefined {
  const p = path.trim().replace(/^\$\.?/, "");
  const message = MESSAGE.exec(p);
  if (message) {
    const messageIndex = Number(message[1]);
    return message[2] === undefined ? { section: "messages", messageIndex } : { section: "messages", messageIndex, blockIndex: Number(message[2]) };
  }
  const indexed = INDEXED.exec(p);
  if (indexed) return { section: indexed[1] as "system" | "tools" | "output_tools", index: Number(indexed[2]) };
  if (p === "system") return { section: "system", index: 0 };
  if (p === "instructions") return { section: "instructions" };
  const part = /^instructions\[(\d+)\]/.exec(p);
  if (part) return { section: "instructions", index: Number(part[1]) };
  if (p.startsWith("settings")) return { section: "settings" };
  return undefined;
}

/** The canonical string form, also used as the DOM anchor id of the block in the editor. */
export function formatEditorPath(path: EditorPath): string {
  switch (path.section) {
    case "system":
    case "tools":
    case "output_tools":
      return `${path.section}[${path.index}]`;
    case "messages":
      return path.blockIndex === undefined ? `messages[${path.messageIndex}]` : `messages[${path.messageIndex}].content[${path.blockIndex}]`;
    case "instructions":
      return path.index === undefined ? "instructions" : `instructions[${path.index}]`;
    default:
      return path.section;
  }
}

/** A DOM id safe to put in `id=""` and `#fragment` for a path. */
export function anchorIdFor(path: string): string {
  return `block-${path.replace(/[^a-zA-Z0-9]+/g, "-").replace(/-+$/, "")}`;
}
