import { RateLimiterMemory } from "rate-limiter-flexible";
import { addressLimitKey } from "../http/rate-limit.ts";

export type SignInLimitSettings = {
  /** Failed password sign-ins per account before it is locked for `lockSeconds`. */
  failuresPerAccount: number;
  /** Failed sign-ins (passwords and links) per client address before it is locked. */
  failuresPerAddress: number;
  windowSeconds: number;
  lockSeconds: number;
};

export const DEFAULT_SIGN_IN_LIMITS: SignInLimitSettings = { failuresPerAccount: 5, failuresPerAddress: 20, windowSeconds: 15 * 60, lockSeconds: 15 * 60 };

/**
 * Failed console sign-ins, counted per account (the name typed, so guessing one member's
 * password from many addresses stops) and per address (so guessing many names from one stops).
 * A lock answers without checking the password. In memory: one process; a restart forgets.
 */
export function createSignInLimits(settings: SignInLimitSettings = DEFAULT_SIGN_IN_LIMITS) {
  const options = { duration: settings.windowSeconds, blockDuration: settings.lockSeconds };
  const byAccount = new RateLimiterMemory({ keyPrefix: "sign-in-account", points: settings.failuresPerAccount, ...options });
  const byAddress = new RateLimiterMemory({ keyPrefix: "sign-in-address", points: settings.failuresPerAddress, ...options });
  const accountKey = (name: string) => name.trim().toLowerCase().slice(0, 200);
  const lockedFor = async (limiter: RateLimiterMemory, key: string) => {
    const state = await limiter.get(key);
    return state && state.consumedPoints >= limiter.points ? state.msBeforeNext : 0;
  };
  return {
    /** Milliseconds until this account and address may try again; 0 when they may now. */
    async lockedFor(name: string | null, address: string): Promise<number> {
      const waits = await Promise.all([lockedFor(byAddress, addressLimitKey(address)), name ? lockedFor(byAccount, accountKey(name)) : 0]);
      return Math.max(...waits);
    },
    async recordFailure(name: string | null, address: string): Promise<void> {
      await byAddress.penalty(addressLimitKey(address), 1);
      if (name) await byAccount.penalty(accountKey(name), 1);
    },
    async recordSuccess(name: string): Promise<void> {
      await byAccount.delete(accountKey(name));
    },
  };
}

export type SignInLimits = ReturnType<typeof createSignInLimits>;
