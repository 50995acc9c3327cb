import { describe, expect, it } from 'vitest';
import { fakeClock } from '../testing/harness.ts';
import { loginRateLimiter } from './loginRateLimit.ts';

const MIN = 60_000;

describe('login rate limit', () => {
  it('allows five failures in 15 minutes, then refuses until the oldest leaves the window', () => {
    const clock = fakeClock();
    const limiter = loginRateLimiter(clock);
    for (let i = 0; i < 5; i++) {
      expect(limiter.retryAfterMs('a@x|1.2.3.4')).toBe(0);
      limiter.recordFailure('a@x|1.2.3.4');
      clock.advance(MIN);
    }
    // Failures at 0..4 min; now 5 min: the first leaves the window at 15 min.
    expect(limiter.retryAfterMs('a@x|1.2.3.4')).toBe(10 * MIN);
    clock.advance(10 * MIN - 1);
    expect(limiter.retryAfterMs('a@x|1.2.3.4')).toBe(1);
    clock.advance(1);
    expect(limiter.retryAfterMs('a@x|1.2.3.4')).toBe(0);
  });

  it('keeps keys apart and forgets a key on success', () => {
    const limiter = loginRateLimiter(fakeClock(), 2);
    limiter.recordFailure('a');
    limiter.recordFailure('a');
    expect(limiter.retryAfterMs('a')).toBeGreaterThan(0);
    expect(limiter.retryAfterMs('b')).toBe(0);
    limiter.recordFailure('b');
    limiter.recordSuccess('b');
    limiter.recordFailure('b');
    expect(limiter.retryAfterMs('b')).toBe(0);
  });
});
