import type { RedisClientType } from 'redis';

/**
 * Per-partner request quota: a fixed one-minute window counted in Redis (`ratelimit:<partner>:<minute>`),
 * shared by every gateway replica. Over the quota the gateway answers 429 with Retry-After set to the
 * seconds left in the window.
 */
export async function checkPartnerQuota(
  redis: RedisClientType,
  partner: string,
  limitPerMinute: number,
  now = Date.now(),
): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  const minute = Math.floor(now / 60_000);
  const key = `ratelimit:${partner}:${minute}`;
  const count = await redis.incr(key);
  if (count === 1) await redis.expire(key, 90);
  if (count <= limitPerMinute) return { allowed: true };
  return { allowed: false, retryAfterSeconds: 60 - Math.floor((now % 60_000) / 1_000) };
}
