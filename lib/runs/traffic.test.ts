// Traffic mode's plan (issue 12 item 1): when requests arrive, which session and turn each is, and that
// a seed repeats. The exponential gaps are those of a Poisson process: with rate λ per hour the gap
// between arrivals is exponential with mean 1/λ, drawn by inverse transform as −ln(1−u)/λ
// (https://en.wikipedia.org/wiki/Exponential_distribution#Random_variate_generation).
import { describe, expect, it } from "vitest";
import { seededRandom } from "./random";
import { plannedRuns, trafficSteps } from "./series";
import { DEFAULT_TRAFFIC, TRAFFIC_LIMITS, type TrafficOptions, arrivalTimes, planTraffic, trafficProblem, trafficSizeProblem } from "./traffic";

const traffic = (o: Partial<TrafficOptions> = {}): TrafficOptions => ({ ...DEFAULT_TRAFFIC, ...o });
/** A "random" source that always answers the same number: exact gaps to check the arithmetic. */
const constant = (u: number) => () => u;

describe("seededRandom", () => {
  it("repeats its sequence for a seed, differs between seeds, and stays in [0, 1)", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
    const c = seededRandom(43);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    // Roughly uniform: the mean of 1000 draws is near 0.5.
    expect(first.reduce((s, x) => s + x, 0) / first.length).toBeCloseTo(0.5, 1);
  });
});

describe("arrivalTimes", () => {
  it("spaces fixed arrivals 3600/rate seconds apart from 0, inside the duration", () => {
    expect(arrivalTimes({ ratePerHour: 12, durationHours: 1, gaps: "fixed" }, constant(0.5), 100)).toEqual(Array.from({ length: 12 }, (_, k) => k * 300_000));
    // 7 per hour does not divide an hour in whole milliseconds: rounded, never drifting.
    const seven = arrivalTimes({ ratePerHour: 7, durationHours: 2, gaps: "fixed" }, constant(0.5), 100);
    expect(seven).toHaveLength(14);
    expect(seven[13]).toBe(Math.round((13 * 3_600_000) / 7));
  });

  it("draws random gaps as −mean·ln(1−u), starting at 0", () => {
    // u = 1 − e^−1 makes every gap exactly one mean: 3600/rate seconds.
    const times = arrivalTimes({ ratePerHour: 60, durationHours: 0.1, gaps: "random" }, constant(1 - Math.exp(-1)), 100);
    expect(times).toEqual([0, 60_000, 120_000, 180_000, 240_000, 300_000]);
    // u = 0.5 gives mean·ln 2.
    const half = arrivalTimes({ ratePerHour: 3600, durationHours: 1, gaps: "random" }, constant(0.5), 3);
    expect(half).toEqual([0, Math.round(1000 * Math.LN2), Math.round(2000 * Math.LN2)]);
  });

  it("averages the rate over a long window, and stops at the limit", () => {
    const times = arrivalTimes({ ratePerHour: 600, durationHours: 24, gaps: "random" }, seededRandom(7), 1_000_000);
    // 14,400 expected; a Poisson count has standard deviation √14,400 = 120.
    expect(Math.abs(times.length - 14_400)).toBeLessThan(600);
    expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
    expect(times[times.length - 1]!).toBeLessThan(24 * 3_600_000);
    expect(arrivalTimes({ ratePerHour: 600, durationHours: 24, gaps: "random" }, seededRandom(7), 10)).toEqual(times.slice(0, 10));
  });
});

describe("planTraffic", () => {
  it("gives the same arrivals for the same seed and others for another seed", () => {
    const o = traffic({ ratePerHour: 100, durationHours: 3, gaps: "random", seed: 2024, sessionTurns: 3, turnGapSeconds: 45 });
    expect(planTraffic(o, seededRandom(o.seed))).toEqual(planTraffic(o, seededRandom(o.seed)));
    expect(planTraffic(o, seededRandom(2025)).arrivals).not.toEqual(planTraffic(o, seededRandom(2024)).arrivals);
    // Fixed gaps use no randomness at all.
    const fixed = traffic({ gaps: "fixed" });
    expect(planTraffic(fixed, seededRandom(1))).toEqual(planTraffic(fixed, seededRandom(99)));
  });

  it("turns each arrival into a session of N turns spaced by the turn gap, merged in time order", () => {
    const plan = planTraffic(traffic({ ratePerHour: 60, durationHours: 2 / 60, gaps: "fixed", sessionTurns: 3, turnGapSeconds: 45 }), constant(0));
    expect(plan.sessions).toBe(2);
    expect(plan.arrivals).toEqual([
      { atMs: 0, session: 1, turn: 1 },
      { atMs: 45_000, session: 1, turn: 2 },
      { atMs: 60_000, session: 2, turn: 1 },
      { atMs: 90_000, session: 1, turn: 3 },
      { atMs: 105_000, session: 2, turn: 2 },
      { atMs: 150_000, session: 2, turn: 3 },
    ]);
    // The window ends with the last turn of a session that started inside it.
    expect(plan.endMs).toBe(150_000);
  });

  it("puts turns at the same moment in session order", () => {
    const plan = planTraffic(traffic({ ratePerHour: 120, durationHours: 1 / 60, gaps: "fixed", sessionTurns: 2, turnGapSeconds: 30 }), constant(0));
    expect(plan.arrivals.map((a) => [a.atMs, a.session, a.turn])).toEqual([
      [0, 1, 1],
      [30_000, 1, 2],
      [30_000, 2, 1],
      [60_000, 2, 2],
    ]);
  });

  it("says when the runs (every variant counted) pass the limit, without building them all", () => {
    const big = traffic({ ratePerHour: 36_000, durationHours: 168, gaps: "fixed" });
    const plan = planTraffic(big, constant(0));
    expect(plan.arrivals.length).toBe(TRAFFIC_LIMITS.maxRuns + 1);
    expect(trafficSizeProblem(plan, 1)).toMatch(/more than 10,000 runs: lower the rate/);
    const day = planTraffic(traffic({ ratePerHour: 200, durationHours: 24, gaps: "fixed" }), constant(0));
    expect(day.arrivals).toHaveLength(4800);
    expect(trafficSizeProblem(day, 2)).toBeNull();
    expect(trafficSizeProblem(day, 3)).toMatch(/more than 10,000 runs \(3 variants\)/);
  });

  it("refuses options no simulation can run, with a sentence", () => {
    expect(trafficProblem(DEFAULT_TRAFFIC)).toBeNull();
    expect(trafficProblem(traffic({ ratePerHour: 0 }))).toMatch(/rate must be above 0/);
    expect(trafficProblem(traffic({ durationHours: 500 }))).toMatch(/at most 168 hours/);
    expect(trafficProblem(traffic({ sessionTurns: 1.5 }))).toMatch(/1 to 20 turns/);
    expect(trafficProblem(traffic({ turnGapSeconds: -1 }))).toMatch(/between turns/);
    expect(trafficProblem(traffic({ seed: 0.5 }))).toMatch(/seed/);
  });
});

describe("trafficSteps", () => {
  it("waits up to each arrival and runs it with its session and time; the waits add up to the last arrival", () => {
    const o = traffic({ ratePerHour: 30, durationHours: 1, gaps: "random", seed: 5, sessionTurns: 2, turnGapSeconds: 20 });
    const steps = trafficSteps(o);
    const plan = planTraffic(o, seededRandom(o.seed));
    expect(plannedRuns(steps)).toBe(plan.arrivals.length);
    let at = 0;
    const runs: { atMs: number; session: number; turn: number }[] = [];
    for (const step of steps) {
      if (step.kind === "wait") {
        expect(step.seconds).toBeGreaterThan(0);
        at += step.seconds * 1000;
      } else if (step.kind === "run") {
        expect(Math.round(at)).toBe(step.atMs);
        runs.push({ atMs: step.atMs!, session: step.session!, turn: step.turn });
      }
    }
    expect(runs).toEqual(plan.arrivals);
  });
});
