// Builds experiments for the editor's unit tests.
import { blankExperiment } from "./blank";
import type { Experiment, Message } from "./types";

export function experimentWith(messages: Message[], patch: Partial<Experiment> = {}): Experiment {
  return { ...blankExperiment("Test"), messages, ...patch };
}

export const userText = (...texts: string[]): Message => ({ role: "user", content: texts.map((text) => ({ type: "text" as const, text })) });
export const assistantText = (text: string): Message => ({ role: "assistant", content: [{ type: "text", text }] });
