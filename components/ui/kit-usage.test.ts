// One look from one kit (issue 11 item 3): components colour things with the theme's CSS-variable
// utilities (bg-surface, text-fg-muted, border-line…; app/globals.css), never a fixed palette colour,
// which would not follow the dark theme; and buttons, checkboxes, radio buttons and tables are the
// kit's (components/ui), not hand-styled ones.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx$/.test(name) && !/\.test\.tsx$/.test(name) ? [path] : [];
  });
}

const PALETTE = /\b(?:bg|text|border|ring|outline|divide|fill|stroke|from|to|accent|decoration)-(?:slate|gray|zinc|neutral|stone|red|orange|amber|yellow|lime|green|emerald|teal|cyan|sky|blue|indigo|violet|purple|fuchsia|pink|rose|white|black)(?:-\d{2,3})?\b/g;
const HEX = /["'`]#[0-9a-fA-F]{3,8}["'`]/g;

describe("the component kit", () => {
  const sources = ["components", "app"].flatMap((dir) => files(join(root, dir))).map((path) => ({ path: path.slice(root.length), text: readFileSync(path, "utf8") }));
  const outsideKit = sources.filter((s) => !s.path.startsWith("components/ui/"));

  it("finds the components", () => {
    expect(sources.length).toBeGreaterThan(30);
  });

  // app/layout.tsx names the canvas colours once more for the browser's theme-color meta, which takes no CSS variable.
  it.each(sources.filter((s) => s.path.startsWith("components/")).map((s) => [s.path, s.text] as const))("%s uses theme colours only", (_path, text) => {
    expect(text.match(PALETTE) ?? []).toEqual([]);
    expect(text.match(HEX) ?? []).toEqual([]);
  });

  // Toggles that open on request and charts' data tables are the kit's Disclosure and DataTable: one look, one behaviour.
  it.each(outsideKit.map((s) => [s.path, s.text] as const))("%s opens details with the kit's Disclosure", (_path, text) => {
    expect(text.match(/<details\b/g) ?? []).toEqual([]);
  });

  // A hand-styled <button> is allowed only as a drag source wired by dnd-kit (its handle, the palette).
  it.each(outsideKit.filter((s) => !s.text.includes("@dnd-kit/")).map((s) => [s.path, s.text] as const))("%s draws buttons with the kit's Button", (_path, text) => {
    expect([...text.matchAll(/<button\b[^>]*className=/g)].map((m) => m[0])).toEqual([]);
  });

  // Checkboxes and radio buttons are the kit's Checkbox and Radio (components/ui/checkbox.tsx): one
  // look in both themes, with the kit's focus ring.
  it.each(outsideKit.map((s) => [s.path, s.text] as const))("%s draws checkboxes and radio buttons with the kit's", (_path, text) => {
    const inputs = text.match(/<input\b[\s\S]*?\/>/g) ?? [];
    expect(inputs.filter((tag) => /\btype=["'{`]*(?:checkbox|radio)\b/.test(tag))).toEqual([]);
  });

  // Tables are the kit's Table parts (components/ui/table.tsx): spacing, rules and number alignment from one place.
  it.each(outsideKit.map((s) => [s.path, s.text] as const))("%s draws tables with the kit's Table", (_path, text) => {
    expect(text.match(/<table\b/g) ?? []).toEqual([]);
  });
});
