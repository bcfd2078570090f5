/**
 * A seeded pseudo-random source (mulberry32): the same seed gives the same archive on every
 * machine, so benchmark runs compare like with like.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new TypeError("Random.pick: empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }

  /**
   * An index in [0, n) following Zipf's law (rank r has weight 1/r), as word frequencies in
   * prose do; by inverting the continuous approximation, so it costs O(1).
   */
  zipf(n: number): number {
    const r = Math.floor(Math.exp(this.next() * Math.log(n + 1))) - 1;
    return Math.min(Math.max(r, 0), n - 1);
  }
}
