// Types for the two `natural` submodules claimcast imports by path (the package's own index
// pulls in every model, so importing "natural" itself is too slow for a stage).
declare module "natural/lib/natural/distance/jaro-winkler_distance.js" {
  /** Jaro-Winkler similarity of two strings, 0..1. */
  const jaroWinkler: (a: string, b: string, options?: { ignoreCase?: boolean }) => number;
  export default jaroWinkler;
}
declare module "natural/lib/natural/phonetics/double_metaphone.js" {
  /** Double Metaphone encoder. */
  export default class DoubleMetaphone {
    process(token: string): [string, string];
  }
}
