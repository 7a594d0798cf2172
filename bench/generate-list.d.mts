/** A list of `entries` entries in the seed list's style; deterministic for a given seed. */
export function generateList(entries: number, seed?: number): string;
