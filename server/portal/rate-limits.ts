import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../../core/index.ts";
import { addressLimitKey } from "../http/rate-limit.ts";

export type PortalLimitSettings = {
  /** Failed lookups (wrong number/phone pairs) per client address per window. */
  lookupFailuresPerAddress: number;
  lookupWindowSeconds: number;
  /** Reports accepted (tickets made) per client address per hour: a form sent back for corrections does not count. */
  reportsPerHour: number;
  /** Chases and messages per client address per 10 minutes. */
  actionsPer10Minutes: number;
};

export const DEFAULT_PORTAL_LIMITS: PortalLimitSettings = {
  lookupFailuresPerAddress: 10,
  lookupWindowSeconds: 15 * 60,
  reportsPerHour: 20,
  actionsPer10Minutes: 30,
};

/**
 * The portal's abuse limits, in memory (one process; a restart forgetting them is harmless).
 * Lookups are limited on failures only, per address (IPv6 by /64), so a customer who mistypes
 * twice is not bothered. Spread-out guessing of one ticket is stopped by the core's failure
 * budget per ticket, which never locks out the customer's full phone; a lock per ticket number
 * here would (five wrong guesses from anyone would refuse the customer's right digits).
 * `null` settings (PUBLIC_RATE_LIMIT=off) disable them.
 */
export function createPortalLimits(settings: PortalLimitSettings | null) {
  if (!settings) {
    return {
      async checkLookup(): Promise<void> {},
      async recordLookupFailure(): Promise<void> {},
      async checkReport(): Promise<void> {},
      async recordReport(): Promise<void> {},
      async reportAllowed(): Promise<boolean> {
        return true;
      },
      async consumeAction(): Promise<void> {},
    };
  }
  const byAddress = new RateLimiterMemory({ keyPrefix: "lookup-address", points: settings.lookupFailuresPerAddress, duration: settings.lookupWindowSeconds });
  const reports = new RateLimiterMemory({ keyPrefix: "report", points: settings.reportsPerHour, duration: 3600 });
  const actions = new RateLimiterMemory({ keyPrefix: "action", points: settings.actionsPer10Minutes, duration: 600 });

  const refuse = (msBeforeNext: number) => new AppError("rate_limited", { params: { retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)) } });
  const consume = async (limiter: RateLimiterMemory, key: string) => {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw refuse(rejection.msBeforeNext);
      throw rejection;
    }
  };

  return {
    /** Throws `rate_limited` when this address has used up its failures. */
    async checkLookup(address: string): Promise<void> {
      const state = await byAddress.get(addressLimitKey(address));
      if (state && state.remainingPoints <= 0) throw refuse(state.msBeforeNext);
    },
    async recordLookupFailure(address: string): Promise<void> {
      // Penalties never throw here: the caller already answers "not found".
      await byAddress.penalty(addressLimitKey(address), 1);
    },
    /** Throws `rate_limited` when this address has made its reports for the hour; counts nothing. */
    async checkReport(address: string): Promise<void> {
      const state = await reports.get(addressLimitKey(address));
      if (state && state.remainingPoints <= 0) throw refuse(state.msBeforeNext);
    },
    /** Counts one accepted report (a ticket was made); never throws, the ticket exists. */
    async recordReport(address: string): Promise<void> {
      await reports.penalty(addressLimitKey(address), 1);
    },
    /** Whether this address has a report left, without using it: asked before a report's body is read. */
    async reportAllowed(address: string): Promise<boolean> {
      const state = await reports.get(addressLimitKey(address));
      return !state || state.remainingPoints > 0;
    },
    async consumeAction(address: string): Promise<void> {
      await consume(actions, addressLimitKey(address));
    },
  };
}

export type PortalLimits = ReturnType<typeof createPortalLimits>;
