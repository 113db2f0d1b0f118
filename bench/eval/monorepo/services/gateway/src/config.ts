export interface GatewayConfig {
  port: number;
  ordersUrl: string;
  inventoryUrl: string;
  redisUrl: string;
  sessionTtlMinutes: number;
  /** Browser origins allowed to call the API with credentials. */
  allowedOrigins: string[];
  /** Requests per minute per API key before 429. */
  apiKeyRateLimit: number;
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return {
    port: Number(env.GATEWAY_PORT ?? 8080),
    ordersUrl: env.ORDERS_URL ?? 'http://127.0.0.1:8081',
    inventoryUrl: env.INVENTORY_URL ?? 'http://127.0.0.1:8082',
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    sessionTtlMinutes: Number(env.SESSION_TTL_MINUTES ?? 30),
    allowedOrigins: (env.ALLOWED_ORIGINS ?? 'https://shop.harbor.example').split(',').map((origin) => origin.trim()),
    apiKeyRateLimit: Number(env.API_KEY_RATE_LIMIT ?? 600),
  };
}
