import type { Clock } from "../../core/ports.ts";

/** A clock the test moves by hand. */
export class FakeClock implements Clock {
  private current: Date;

  constructor(start: string | Date = "2026-11-24T02:00:00Z") {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: string | Date): void {
    this.current = new Date(at);
  }

  advance(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

/** Deterministic ids: `id-1`, `id-2`, … */
export function sequentialIds(prefix = "id"): () => string {
  let next = 0;
  return () => `${prefix}-${++next}`;
}
