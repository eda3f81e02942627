// Deterministic, realistic-looking long text for the built-in examples and the benchmark: a fictional
// operations handbook assembled from sentence templates by a seeded generator (no Math.random, so the
// same seed always gives the same text and the same prompt-cache prefix). It avoids dates, ids and
// clock times on purpose, so the dynamic-content lint has nothing to flag.

/** A tiny linear congruential generator: pure, seeded, good enough for picking phrases. */
function lcg(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const SUBJECTS = ["The ingestion service", "Each regional gateway", "The billing pipeline", "An on-call engineer", "The metrics store", "Every deployment", "The alert router", "A customer workspace", "The audit log", "The export worker"];
const VERBS = ["must record", "should verify", "is expected to retry", "never discards", "batches", "compresses", "encrypts", "forwards", "validates", "summarises"];
const OBJECTS = [
  "incoming telemetry before it reaches long-term storage",
  "every configuration change together with the operator who made it",
  "failed uploads with an exponential back-off capped at five attempts",
  "usage records so that invoices can be reproduced on request",
  "sensor readings that arrive out of order within the tolerance window",
  "credentials only through the secrets manager, never in plain files",
  "paging events to the team that owns the affected component",
  "quarterly retention reports for the compliance review",
  "sampled traces whenever latency exceeds the service objective",
  "schema changes through the review board before they ship",
];
const CLAUSES = [
  "unless the incident commander approves an exception in writing",
  "so that downstream teams can rely on a stable contract",
  "because partial data is harder to repair than missing data",
  "and the runbook lists the exact commands to use",
  "which keeps recovery predictable during regional outages",
  "as described in the escalation matrix for severity two",
  "to keep the cost per workspace within the agreed budget",
  "while the customer-facing status page stays accurate",
];
const TOPICS = ["Ingestion", "Storage and retention", "Alerting", "Billing", "Access control", "Incident response", "Deployments", "Data exports", "Capacity planning", "Customer support"];

function sentence(next: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  return `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)}${next() < 0.6 ? `, ${pick(CLAUSES)}` : ""}.`;
}

/**
 * A handbook of `sections` sections (≈ 750 tokens each by CacheLab's estimator), as Markdown.
 * Same arguments, same text.
 */
export function generateHandbook(sections: number, seed = 7): string {
  const next = lcg(seed);
  const out: string[] = ["# Northwind Telemetry Platform: Operations Handbook", ""];
  for (let s = 0; s < sections; s++) {
    out.push(`## ${s + 1}. ${TOPICS[s % TOPICS.length]}${s >= TOPICS.length ? ` (part ${Math.floor(s / TOPICS.length) + 1})` : ""}`, "");
    for (let p = 0; p < 5; p++) {
      const sentences: string[] = [];
      for (let i = 0; i < 5; i++) sentences.push(sentence(next));
      out.push(sentences.join(" "), "");
    }
  }
  return out.join("\n");
}

/** One paragraph of about `sentences` sentences, for shorter blocks. */
export function generateParagraph(sentences: number, seed: number): string {
  const next = lcg(seed);
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(sentence(next));
  return out.join(" ");
}
