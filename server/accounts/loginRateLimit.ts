import type { Clock } from '../clock.ts';

/**
 * Failed sign-ins are limited per email and address: after `maxFailures` within `windowMs`, further
 * attempts are refused until the oldest failure leaves the window. Held in memory: a restart clears
 * it, which costs an attacker a restart they cannot cause.
 */
export interface LoginRateLimiter {
  /** Milliseconds to wait before trying again, or 0 when an attempt may be made now. */
  retryAfterMs(key: string): number;
  recordFailure(key: string): void;
  recordSuccess(key: string): void;
}

export function loginRateLimiter(clock: Clock, maxFailures = 5, windowMs = 15 * 60_000): LoginRateLimiter {
  const failures = new Map<string, number[]>();

  /** The key's failures still inside the window; forgets keys with none so the map stays small. */
  const recent = (key: string): number[] => {
    const since = clock().getTime() - windowMs;
    const kept = (failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length) failures.set(key, kept);
    else failures.delete(key);
    return kept;
  };

  return {
    retryAfterMs(key) {
      const kept = recent(key);
      if (kept.length < maxFailures) return 0;
      return kept[kept.length - maxFailures]! + windowMs - clock().getTime();
    },
    recordFailure(key) {
      failures.set(key, [...recent(key), clock().getTime()]);
      if (failures.size > 100_000) {
        for (const k of failures.keys()) recent(k); // sweep keys whose failures all expired
      }
    },
    recordSuccess(key) {
      failures.delete(key);
    },
  };
}
