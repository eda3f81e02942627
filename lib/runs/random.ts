// A seeded pseudo-random generator, so a simulated day of traffic repeats exactly from its seed
// (issue 12 item 1). The core never calls Math.random: whoever needs randomness builds one of these
// from a seed and passes it in (docs/design.md §2: randomness is a parameter).

/** Numbers in [0, 1), like Math.random, from a fixed sequence. */
export type Random = () => number;

/**
 * Mulberry32 (Tommy Ettinger's public-domain 32-bit generator,
 * https://gist.github.com/tommyettinger/46a874533244883189143505d203312c): six lines, a period of
 * 2^32, good enough to space arrivals, and the same numbers in every JavaScript engine.
 */
export function seededRandom(seed: number): Random {
  let state = Math.trunc(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
