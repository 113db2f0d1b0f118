export { fetchWithRetry, type RetryOptions } from './fetch-with-retry.js';
export { CircuitBreaker, CircuitOpenError } from './circuit-breaker.js';
