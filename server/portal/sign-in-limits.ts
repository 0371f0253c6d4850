import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
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
 * The account a password sign-in is against: the member the typed name resolves to (so
 * "Name", "@name", the staff id and each chat id share one budget), or the typed name itself
 * when it names nobody (so guessing at unknown names is limited too, and answers the same).
 */
export type SignInAccount = { memberId: string } | { unknownName: string };

/** An attempt that may go ahead: `refund` (a success) gives its points back and clears the account's failures; a failure keeps them spent. */
export type SignInAttempt = { kind: "go"; refund(): Promise<void> } | { kind: "locked"; retryInMs: number };

/**
 * Failed console sign-ins, counted per account (guessing one member's password from many
 * addresses stops) and per address (guessing many names from one stops). Each attempt spends
 * its points before the password is checked, in one step per limiter, so a burst of parallel
 * requests cannot all pass a check that the first failures have not yet been recorded against;
 * a success refunds them. A lock answers without checking the password. In memory: one
 * process; a restart forgets.
 */
export function createSignInLimits(settings: SignInLimitSettings = DEFAULT_SIGN_IN_LIMITS) {
  const options = { duration: settings.windowSeconds, blockDuration: settings.lockSeconds };
  const byAccount = new RateLimiterMemory({ keyPrefix: "sign-in-account", points: settings.failuresPerAccount, ...options });
  const byAddress = new RateLimiterMemory({ keyPrefix: "sign-in-address", points: settings.failuresPerAddress, ...options });
  const accountKey = (account: SignInAccount) => ("memberId" in account ? `id:${account.memberId}` : `name:${account.unknownName.trim().replace(/^@/, "").toLowerCase().slice(0, 200)}`);

  /** Spends one point; the wait when the key is over its budget (rejections are data, not errors). */
  const spend = async (limiter: RateLimiterMemory, key: string): Promise<number> => {
    try {
      await limiter.consume(key);
      return 0;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, rejection.msBeforeNext);
      throw rejection;
    }
  };

  return {
    /**
     * Starts a sign-in from `address`, against `account` for a password (null for a link, which
     * only the address limits). Call before checking the password or link.
     */
    async attempt(account: SignInAccount | null, address: string): Promise<SignInAttempt> {
      const addressKey = addressLimitKey(address);
      const addressWait = await spend(byAddress, addressKey);
      if (addressWait > 0) return { kind: "locked", retryInMs: addressWait };
      const key = account ? accountKey(account) : null;
      const accountWait = key ? await spend(byAccount, key) : 0;
      if (accountWait > 0) {
        // Refused without a check: the address did not try anything.
        await byAddress.reward(addressKey, 1);
        return { kind: "locked", retryInMs: accountWait };
      }
      return {
        kind: "go",
        async refund() {
          await byAddress.reward(addressKey, 1);
          if (key) await byAccount.delete(key);
        },
      };
    },
  };
}

export type SignInLimits = ReturnType<typeof createSignInLimits>;
