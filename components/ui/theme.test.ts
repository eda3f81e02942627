// The theme's colour pairs meet WCAG contrast in both themes: text 4.5:1 (1.4.3), chart series and
// control borders 3:1 (1.4.11), https://www.w3.org/TR/WCAG22/#contrast-minimum. Read from the one
// stylesheet the page ships, so a changed value is checked, not a copy of it.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const css = readFileSync(fileURLToPath(new URL("../../app/globals.css", import.meta.url)), "utf8");

function block(source: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const m of source.matchAll(/--([a-z0-9-]+):\s*(#[0-9a-f]{6})\s*;/gi)) vars[m[1]!] = m[2]!;
  return vars;
}

const light = block(css.slice(css.indexOf(":root {"), css.indexOf("@media (prefers-color-scheme: dark)")));
const dark = { ...light, ...block(css.slice(css.indexOf("@media (prefers-color-scheme: dark)"), css.indexOf("@theme inline"))) };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const TEXT_ON = {
  fg: ["canvas", "surface", "surface-muted", "surface-raised"],
  "fg-muted": ["canvas", "surface", "surface-muted", "surface-raised"],
  "fg-subtle": ["canvas", "surface", "surface-muted"],
  "accent-text": ["surface", "surface-muted", "accent-subtle"],
  "accent-fg": ["accent", "accent-hover", "danger-solid"],
  "ok-text": ["surface", "ok-bg"],
  "warn-text": ["surface", "warn-bg"],
  "danger-text": ["surface", "danger-bg", "surface-muted"],
  "code-fg": ["code-bg"],
  "fg-muted ": ["user-bg", "assistant-bg", "accent-subtle", "danger-bg", "warn-bg", "ok-bg"],
} as const;

const GRAPHIC_ON_SURFACE = ["chart-read", "chart-write5m", "chart-write1h", "chart-uncached", "chart-output", "chart-a", "chart-b", "chart-c", "line-strong", "focus", "control"];

describe.each([
  ["light", light],
  ["dark", dark],
] as const)("the %s theme", (_name, theme) => {
  it.each(Object.entries(TEXT_ON).flatMap(([text, backgrounds]) => backgrounds.map((bg) => [text.trim(), bg] as const)))("%s text on %s is at least 4.5:1", (text, bg) => {
    expect(theme[text], text).toBeDefined();
    expect(theme[bg], bg).toBeDefined();
    expect(contrast(theme[text]!, theme[bg]!)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(GRAPHIC_ON_SURFACE)("%s is at least 3:1 against the surface and the canvas", (name) => {
    expect(contrast(theme[name]!, theme.surface!)).toBeGreaterThanOrEqual(3);
    expect(contrast(theme[name]!, theme.canvas!)).toBeGreaterThanOrEqual(3);
  });

  // A checked checkbox's tick is drawn in control-fg on the control fill (components/ui/checkbox.tsx).
  it("the tick of a checked box is at least 3:1 against its fill", () => {
    expect(contrast(theme["control-fg"]!, theme.control!)).toBeGreaterThanOrEqual(3);
  });
});

describe("the dark theme", () => {
  it("is really dark: its surface is darker than the light theme's text", () => {
    expect(luminance(dark.surface!)).toBeLessThan(0.05);
    expect(luminance(light.surface!)).toBeGreaterThan(0.9);
  });
});
