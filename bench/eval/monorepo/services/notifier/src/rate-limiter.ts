/**
 * Token bucket: `capacity` sends per minute, refilled continuously. The SMTP relay we pay for rejects
 * bursts above its contract, so the notifier waits instead of failing.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.updatedAt = now();
  }

  /** Milliseconds to wait before one more send is allowed (0 = go now, and the token is taken). */
  take(): number {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) * 60_000) / this.capacity);
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) * this.capacity) / 60_000);
    this.updatedAt = now;
  }
}
