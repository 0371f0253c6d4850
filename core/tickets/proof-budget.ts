import type { Clock, ProofFailureBudget } from "../ports.ts";

/** Wrong phone proofs a ticket tolerates per window before the last four digits stop being enough. */
export const PROOF_FAILURES_PER_TICKET = 10;
export const PROOF_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * The failure budget kept in this process's memory, timed by the Clock port: right for one
 * desk process (a restart forgets it, which only gives a guesser one more window). Several
 * processes behind one address would each keep their own: give them a shared store instead.
 */
export function memoryProofFailureBudget(clock: Clock, options: { failures?: number; windowMs?: number } = {}): ProofFailureBudget {
  const limit = options.failures ?? PROOF_FAILURES_PER_TICKET;
  const windowMs = options.windowMs ?? PROOF_WINDOW_MS;
  const windows = new Map<string, { startedAt: number; failures: number }>();
  const current = (ticketId: string, now: number) => {
    const window = windows.get(ticketId);
    if (window && now - window.startedAt < windowMs) return window;
    if (window) windows.delete(ticketId);
    return null;
  };
  const prune = (now: number) => {
    for (const [ticketId, window] of windows) if (now - window.startedAt >= windowMs) windows.delete(ticketId);
  };
  return {
    async exhausted(ticketId) {
      const window = current(ticketId, clock.now().getTime());
      return window !== null && window.failures >= limit;
    },
    async recordFailure(ticketId) {
      const now = clock.now().getTime();
      if (windows.size > 10_000) prune(now);
      const window = current(ticketId, now);
      if (window) window.failures += 1;
      else windows.set(ticketId, { startedAt: now, failures: 1 });
    },
  };
}
