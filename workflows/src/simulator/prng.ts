/**
 * A small seeded PRNG. Every random choice in the simulator is derived from a stable label
 * (seed, invoice, attempt, ...), never from global call order, so one invoice's data and faults do not
 * change when other requests interleave differently.
 */

/** 32-bit FNV-1a over the label's UTF-16 code units, good enough to spread seeds. */
function hashLabel(label: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

/** mulberry32: tiny, fast, and plenty for test data. */
export function createRandom(...labelParts: (string | number)[]): Random {
  let state = hashLabel(labelParts.join('|'));
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (probability) => probability > 0 && next() < probability,
  };
}

/** One uniform draw for a labelled event: `draw(seed, 'transient5xx', key, attempt) < rate`. */
export function draw(...labelParts: (string | number)[]): number {
  return createRandom(...labelParts).next();
}

/** A deterministic UUID-shaped id (portal ids look like UUIDs). */
export function stableUuid(...labelParts: (string | number)[]): string {
  const random = createRandom('uuid', ...labelParts);
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}
