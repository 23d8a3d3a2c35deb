/** The values a simulator starts with unless told otherwise; docs/simulator.md repeats them. */
export const SIMULATOR_VERSION = '1.0.0';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_SIMULATOR_PORT = 4010;
export const DEFAULT_MERCHANT_PORT = 4020;

/** The one merchant account the simulator knows, with the key it signs with. */
export const DEFAULT_CREDENTIALS = {
  merchantId: '1234',
  apiKeyId: 'sim-key',
  secretApiKey: 'sim-secret',
} as const;
export type Credentials = { merchantId: string; apiKeyId: string; secretApiKey: string };

/** Each step waits this long after the previous one, counted from payment creation. */
export type AutoFlowTimings = {
  scanAfterMs: number;
  authenticateAfterMs: number;
  confirmAfterMs: number;
};
export const DEFAULT_AUTO_FLOW_TIMINGS: AutoFlowTimings = {
  scanAfterMs: 5_000,
  authenticateAfterMs: 3_000,
  confirmAfterMs: 3_000,
};

/** A `Date` header further than this from the simulator's clock is refused, like a replayed request. */
export const MAX_DATE_SKEW_MS = 15 * 60 * 1000;

export const DEFAULT_LATENCY_MS = 2_000;
export const DEFAULT_RETRY_AFTER_SECONDS = 2;
export const DEFAULT_UNKNOWN_STATUS = 'PENDING_PHONE';

/** The log keeps the newest entries only, so a long demo cannot grow it without bound. */
export const REQUEST_LOG_LIMIT = 5_000;
