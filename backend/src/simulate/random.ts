/** A small seeded PRNG (mulberry32) so a simulation is repeatable from its seed. */
export type Rng = () => number;

/** A generator of floats in [0, 1) from a 32-bit seed. */
export function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random integer in [0, n). */
export const pick = (rng: Rng, n: number): number => Math.floor(rng() * n);
