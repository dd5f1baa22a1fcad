/**
 * A seeded 32-bit linear congruential generator for test inputs: the same seed gives the same
 * sequence on every machine. The multiply is `Math.imul`: a plain `seed * 1103515245` is a float
 * product past 2^53 that loses its low bits, and the sequence then cycles after ~13,000 draws.
 *
 * @example
 * const rnd = seededRandom(42);
 * rnd(); // a float in [0, 1)
 */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

/** A seeded whole number in [0, n): `seededInt(seed)(n)`. */
export function seededInt(seed: number): (n: number) => number {
  const rnd = seededRandom(seed);
  return (n) => Math.floor(rnd() * n);
}
