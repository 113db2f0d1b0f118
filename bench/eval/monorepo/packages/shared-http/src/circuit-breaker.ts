export class CircuitOpenError extends Error {
  constructor(readonly name_: string) {
    super(`circuit ${name_} is open`);
  }
}

/**
 * Stops calling a dependency that keeps failing: after `failureThreshold` consecutive failures the
 * circuit opens for `cooldownMs`, then lets one trial call through (half-open).
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;

  constructor(
    private readonly name: string,
    private readonly failureThreshold = 5,
    private readonly cooldownMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  async run<T>(call: () => Promise<T>): Promise<T> {
    if (this.openedAt !== undefined) {
      if (this.now() - this.openedAt < this.cooldownMs) throw new CircuitOpenError(this.name);
      this.openedAt = undefined; // half-open: one trial
    }
    try {
      const result = await call();
      this.failures = 0;
      return result;
    } catch (error) {
      this.failures++;
      if (this.failures >= this.failureThreshold) this.openedAt = this.now();
      throw error;
    }
  }
}
