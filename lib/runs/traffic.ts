// Traffic mode (issue 12 item 1): requests arrive at simulated times — a rate per hour over a duration,
// spaced evenly or at random (exponential gaps, a Poisson process), optionally as sessions that grow a
// conversation for a few turns — and run on the emulator's virtual clock. This file is the plan only:
// when each request arrives and which session and turn it is. Pure: the randomness is a parameter
// (lib/runs/random.ts builds one from the seed), so the same seed gives the same arrivals.

import type { Random } from "./random";

export type TrafficGaps = "fixed" | "random";

export interface TrafficOptions {
  /** New arrivals (single requests, or sessions) per hour. */
  ratePerHour: number;
  /** How long the simulated traffic lasts; arrivals fall in [0, duration). */
  durationHours: number;
  /** "fixed": one arrival every 3600/rate seconds; "random": exponential gaps with that mean. */
  gaps: TrafficGaps;
  /** Seeds the random gaps: the same seed gives the same arrivals. */
  seed: number;
  /** Requests per arrival: 1 sends single requests; more makes each arrival a conversation of that many turns. */
  sessionTurns: number;
  /** Seconds between the turns of one session (a person reading the answer and typing the next question). */
  turnGapSeconds: number;
}

export const TRAFFIC_LIMITS = {
  /** Runs in one simulation, every variant counted (issue 12: "up to 10,000 runs"). */
  maxRuns: 10_000,
  maxRatePerHour: 36_000,
  maxDurationHours: 168,
  maxSessionTurns: 20,
  maxTurnGapSeconds: 3_600,
  /** What-if: the same arrivals replayed for at most this many variants. */
  maxVariants: 3,
} as const;

export const DEFAULT_TRAFFIC: TrafficOptions = { ratePerHour: 120, durationHours: 24, gaps: "random", seed: 1, sessionTurns: 1, turnGapSeconds: 60 };

const HOUR_MS = 3_600_000;

/** One request of the simulation. */
export interface Arrival {
  /** Milliseconds from the start of the simulation. */
  atMs: number;
  /** 1-based: the arrival this request belongs to (its session when sessions have several turns). */
  session: number;
  /** 1-based turn within the session. */
  turn: number;
}

export interface TrafficPlan {
  /** Every request, in time order (ties: by session, then turn). */
  arrivals: Arrival[];
  /** Sessions started. */
  sessions: number;
  /** Where the simulated window ends (ms): the duration, or the last turn of a session past it. */
  endMs: number;
}

/** A sentence for options no simulation can run, or null when they are fine. */
export function trafficProblem(options: TrafficOptions): string | null {
  const L = TRAFFIC_LIMITS;
  const within = (n: number, lo: number, hi: number) => Number.isFinite(n) && n >= lo && n <= hi;
  if (!within(options.ratePerHour, Number.MIN_VALUE, L.maxRatePerHour)) return `The rate must be above 0 and at most ${L.maxRatePerHour.toLocaleString("en-US")} arrivals per hour.`;
  if (!within(options.durationHours, Number.MIN_VALUE, L.maxDurationHours)) return `The duration must be above 0 and at most ${L.maxDurationHours} hours.`;
  if (!Number.isInteger(options.sessionTurns) || !within(options.sessionTurns, 1, L.maxSessionTurns)) return `A session has 1 to ${L.maxSessionTurns} turns.`;
  if (!within(options.turnGapSeconds, 0, L.maxTurnGapSeconds)) return `The gap between turns is 0 to ${L.maxTurnGapSeconds.toLocaleString("en-US")} seconds.`;
  if (!Number.isSafeInteger(options.seed)) return "The seed is a whole number.";
  return null;
}

/**
 * Arrival times in [0, duration): evenly spaced from 0, or a Poisson process whose first arrival is
 * at 0 and whose gaps are exponential with mean 3600/rate seconds (inverse transform sampling,
 * gap = −mean·ln(1−u)). Times are whole milliseconds. Stops after `limit` arrivals.
 */
export function arrivalTimes(options: Pick<TrafficOptions, "ratePerHour" | "durationHours" | "gaps">, random: Random, limit: number): number[] {
  const meanMs = HOUR_MS / options.ratePerHour;
  const endMs = options.durationHours * HOUR_MS;
  const times: number[] = [];
  let t = 0;
  for (let k = 0; times.length < limit; k++) {
    const at = Math.round(options.gaps === "fixed" ? k * meanMs : t);
    if (at >= endMs) break;
    times.push(at);
    if (options.gaps === "random") t += -meanMs * Math.log(1 - random());
  }
  return times;
}

/**
 * Every request of a simulation, at most `maxRequests` + 1 of them (one more than allowed tells the
 * caller the plan is too large without building a million arrivals).
 */
export function planTraffic(options: TrafficOptions, random: Random, maxRequests: number = TRAFFIC_LIMITS.maxRuns): TrafficPlan {
  const turns = Math.max(1, Math.floor(options.sessionTurns));
  const turnGapMs = Math.round(options.turnGapSeconds * 1000);
  const starts = arrivalTimes(options, random, Math.floor(maxRequests / turns) + 1);
  const arrivals: Arrival[] = [];
  starts.forEach((start, i) => {
    for (let turn = 1; turn <= turns; turn++) arrivals.push({ atMs: start + (turn - 1) * turnGapMs, session: i + 1, turn });
  });
  arrivals.sort((a, b) => a.atMs - b.atMs || a.session - b.session || a.turn - b.turn);
  const last = arrivals[arrivals.length - 1];
  return { arrivals, sessions: starts.length, endMs: Math.max(options.durationHours * HOUR_MS, last ? last.atMs : 0) };
}

/** Runs a simulation sends: each request once per variant. */
export function trafficRunCount(plan: TrafficPlan, variants: number): number {
  return plan.arrivals.length * Math.max(1, variants);
}

/** A sentence when the plan is over the run limit for this many variants, else null. */
export function trafficSizeProblem(plan: TrafficPlan, variants: number): string | null {
  const runs = trafficRunCount(plan, variants);
  if (runs <= TRAFFIC_LIMITS.maxRuns) return null;
  const per = variants > 1 ? ` (${variants} variants)` : "";
  return `This traffic makes more than ${TRAFFIC_LIMITS.maxRuns.toLocaleString("en-US")} runs${per}: lower the rate, the duration or the turns per session.`;
}
