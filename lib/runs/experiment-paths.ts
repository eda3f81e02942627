// Body paths ("messages[3].content[0]") name blocks as the provider receives them; the editor names
// them as the experiment holds them ("messages[3].content[1]" when a cache_point sits before). The
// builder's own message mapping translates one into the other, so "select this block" lands right.
import { mapMessages } from "@/lib/cache/build-messages";
import type { Experiment } from "@/lib/cache/experiment-schema";

export interface PathMapper {
  (bodyPath: string): string | undefined;
}

export function experimentPathMapper(experiment: Experiment): PathMapper {
  const mapped = mapMessages(experiment, false);
  return (bodyPath) => {
    const tool = /^tools\[(\d+)\]$/.exec(bodyPath);
    if (tool) {
      const i = Number(tool[1]);
      if (i < experiment.tools.length) return `tools[${i}]`;
      const j = i - experiment.tools.length;
      return j < experiment.output_tools.length ? `output_tools[${j}]` : undefined;
    }
    const system = bodyPath === "system" ? 0 : Number(/^system\[(\d+)\]$/.exec(bodyPath)?.[1] ?? NaN);
    if (!Number.isNaN(system)) {
      // From Pydantic AI v1.77.0 each instruction part is its own system block (docs/reference/pydantic-ai-2.md §2.5).
      const source = mapped.ok ? mapped.value.systemSources[system] : undefined;
      if (source) return source;
      return experiment.system.length > 0 ? "system[0]" : experiment.instructions ? "instructions" : undefined;
    }
    const message = /^messages\[(\d+)\](?:\.content(?:\[(\d+)\])?)?$/.exec(bodyPath);
    if (message && mapped.ok) {
      const w = Number(message[1]);
      const b = message[2] === undefined ? 0 : Number(message[2]);
      const m = mapped.value.messageIndex.indexOf(w);
      if (m < 0) return undefined;
      const c = mapped.value.blockIndex[m]!.indexOf(b);
      return c < 0 ? `messages[${m}]` : `messages[${m}].content[${c}]`;
    }
    return undefined;
  };
}
