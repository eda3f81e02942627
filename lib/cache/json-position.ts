// Where JSON text stops being valid. Node 20's JSON.parse often says only "Unexpected token" with no
// position, and a person fixing a file needs a line and a column. Run only after JSON.parse failed;
// iterative, so deep nesting cannot overflow the stack.

type State = "value" | "valueOrEnd" | "key" | "keyOrEnd" | "colon" | "commaOrEnd";

const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
const HEX4 = /[0-9a-fA-F]{4}/y;

/** Offset just past a string starting at `start` (a quote), or -(offset + 1) of the error. */
function scanString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c < 0x20) return -(i + 1);
    if (c === 92) {
      const e = text[i + 1];
      if (e === "u") {
        HEX4.lastIndex = i + 2;
        if (!HEX4.test(text)) return -(i + 1);
        i += 6;
      } else if (e !== undefined && ESCAPES.has(e)) i += 2;
      else return -(i + 1);
    } else i++;
  }
  return -(text.length + 1);
}

/** The 0-based offset of the first syntax error in `text`, or -1 if it is valid JSON. */
export function jsonErrorOffset(text: string): number {
  const n = text.length;
  const stack: string[] = [];
  let state: State = "value";
  let i = 0;
  for (;;) {
    while (i < n && (text[i] === " " || text[i] === "\n" || text[i] === "\r" || text[i] === "\t")) i++;
    if (state === "commaOrEnd" && stack.length === 0) return i < n ? i : -1;
    if (i >= n) return n;
    const c = text[i]!;
    switch (state) {
      case "value":
      case "valueOrEnd": {
        if (state === "valueOrEnd" && c === "]") {
          stack.pop();
          i++;
          state = "commaOrEnd";
        } else if (c === "{" || c === "[") {
          stack.push(c);
          i++;
          state = c === "{" ? "keyOrEnd" : "valueOrEnd";
        } else if (c === '"') {
          const end = scanString(text, i);
          if (end < 0) return -end - 1;
          i = end;
          state = "commaOrEnd";
        } else {
          LITERAL.lastIndex = i;
          const m = LITERAL.exec(text);
          if (!m) return i;
          i += m[0].length;
          state = "commaOrEnd";
        }
        break;
      }
      case "key":
      case "keyOrEnd": {
        if (state === "keyOrEnd" && c === "}") {
          stack.pop();
          i++;
          state = "commaOrEnd";
          break;
        }
        if (c !== '"') return i;
        const end = scanString(text, i);
        if (end < 0) return -end - 1;
        i = end;
        state = "colon";
        break;
      }
      case "colon":
        if (c !== ":") return i;
        i++;
        state = "value";
        break;
      case "commaOrEnd": {
        const top = stack[stack.length - 1];
        if (c === ",") {
          i++;
          state = top === "{" ? "key" : "value";
        } else if ((top === "{" && c === "}") || (top === "[" && c === "]")) {
          stack.pop();
          i++;
        } else return i;
        break;
      }
    }
  }
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
