import type { CorsMode } from './cors.ts';
import type { AutoFlowTimings, Credentials } from './defaults.ts';
import type { EncryptionKey } from './encryption.ts';
import type { FaultStore } from './faults.ts';
import type { PaymentStore } from './payments.ts';
import type { RequestLog } from './request-log.ts';
import type { SessionStore } from './sessions.ts';
import type { Timers } from './timers.ts';

/** Everything one running simulator holds; each API module gets it and keeps no state of its own. */
export type SimulatorContext = {
  credentials: Credentials;
  now: () => number;
  /** e.g. `http://127.0.0.1:4010`, known once the server listens. */
  baseUrl: () => string;
  flow: 'manual' | 'auto';
  autoFlowTimings: AutoFlowTimings;
  sessionTtlMs: number;
  /** Which origins the Client API answers CORS for (see cors.ts). */
  corsOrigins: CorsMode;
  encryptionKey: EncryptionKey;
  sessions: SessionStore;
  payments: PaymentStore;
  faults: FaultStore;
  requestLog: RequestLog;
  timers: Timers;
  /** The product decides the id's form when the simulator issues both. */
  nextPaymentId: (productId: number) => string;
  nextRequestId: () => string;
};

/** The page that stands for the customer's phone, focused on one payment. */
export function phoneUrl(context: SimulatorContext, paymentId: string): string {
  return `${context.baseUrl()}/phone?payment=${encodeURIComponent(paymentId)}`;
}
