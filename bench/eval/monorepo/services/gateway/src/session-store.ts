import { randomBytes } from 'node:crypto';
import type { RedisClientType } from 'redis';

export interface Session {
  customerId: string;
  createdAt: number;
}

/**
 * Browser sessions in Redis, keyed by a random 256-bit id in an HttpOnly cookie. Sliding expiry:
 * every request that reads a session pushes its expiry `ttlMinutes` further out.
 */
export class SessionStore {
  constructor(
    private readonly redis: RedisClientType,
    private readonly ttlMinutes: number,
  ) {}

  async create(customerId: string): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    await this.redis.set(`session:${id}`, JSON.stringify({ customerId, createdAt: Date.now() }), { EX: this.ttlMinutes * 60 });
    return id;
  }

  async read(id: string): Promise<Session | undefined> {
    const raw = await this.redis.get(`session:${id}`);
    if (!raw) return undefined;
    await this.redis.expire(`session:${id}`, this.ttlMinutes * 60);
    return JSON.parse(raw) as Session;
  }

  /** Logout, and every session of a customer after a password change. */
  async destroy(id: string): Promise<void> {
    await this.redis.del(`session:${id}`);
  }
}
