import { createControl, type Control } from './control.ts';
import type { CorsMode } from './cors.ts';
import type { SimulatorContext } from './context.ts';
import {
  DEFAULT_AUTO_FLOW_TIMINGS,
  DEFAULT_CREDENTIALS,
  DEFAULT_HOST,
  DEFAULT_SIMULATOR_PORT,
  type AutoFlowTimings,
  type Credentials,
} from './defaults.ts';
import { createEncryptionKey } from './encryption.ts';
import { createFaultStore } from './faults.ts';
import { createPaymentIdSource, createRequestIdSource, type PaymentIdForm } from './ids.ts';
import { listen } from './listen.ts';
import { createPaymentStore } from './payments.ts';
import { createRequestLog } from './request-log.ts';
import { createSimulatorServer } from './server.ts';
import { createSessionStore } from './sessions.ts';
import { createTimers } from './timers.ts';
import { SESSION_LIFETIME_MS } from '../core/connect/products.ts';

export { FAULT_KINDS, type FaultKind, type FaultSpec, type Fault } from './faults.ts';
export { CUSTOMER_STEPS, type CustomerStep } from './payments.ts';
export { PAYMENT_ID_FORMS, type PaymentIdForm } from './ids.ts';
export { WECHAT_INTEGRATION_TYPES, type WechatIntegrationType } from './wechat.ts';
export type { LoggedRequest, RequestFilter } from './request-log.ts';
export { CORS_MODES, type CorsMode } from './cors.ts';
export type { Control, PaymentView, SessionView } from './control.ts';
export {
  DEFAULT_AUTO_FLOW_TIMINGS,
  DEFAULT_CREDENTIALS,
  DEFAULT_MERCHANT_PORT,
  DEFAULT_SIMULATOR_PORT,
  SIMULATOR_VERSION,
  type AutoFlowTimings,
  type Credentials,
} from './defaults.ts';
export { startDemoMerchant, type DemoMerchant, type DemoMerchantOptions } from './merchant/server.ts';

export type SimulatorOptions = {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  sessionTtlMs?: number;
  flow?: 'manual' | 'auto';
  autoFlowTimings?: Partial<AutoFlowTimings>;
  credentials?: Partial<Credentials>;
  /** Which of the platform's payment id forms to issue: `digits` (default), `attempt` or `by-product`. */
  paymentIdForm?: PaymentIdForm;
  /** `any` (default): the Client API answers CORS for every origin; `merchant`: only for web pages, not extensions. */
  corsOrigins?: CorsMode;
};

export type Simulator = {
  /** e.g. `http://127.0.0.1:4010` */
  url: string;
  port: number;
  /** `${url}/client`, what Create Session hands out as clientApiUrl. */
  clientApiUrl: string;
  credentials: Credentials;
  /** The control API's operations, in-process. */
  control: Control;
  /**
   * Offline: stops listening and ends every open connection, so requests are refused as if the
   * host were unreachable; online again: listens on the same port. State (sessions, payments,
   * faults) is kept.
   */
  setOffline(offline: boolean): Promise<void>;
  /** Ends every connection, hanging ones included, and cancels every timer. */
  close(): Promise<void>;
};

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? DEFAULT_HOST;
  const credentials = { ...DEFAULT_CREDENTIALS, ...options.credentials };
  const now = () => performance.timeOrigin + performance.now();
  const sessionTtlMs = options.sessionTtlMs ?? SESSION_LIFETIME_MS;
  let baseUrl = '';
  const context: SimulatorContext = {
    credentials,
    now,
    baseUrl: () => baseUrl,
    flow: options.flow ?? 'manual',
    autoFlowTimings: { ...DEFAULT_AUTO_FLOW_TIMINGS, ...options.autoFlowTimings },
    sessionTtlMs,
    corsOrigins: options.corsOrigins ?? 'any',
    encryptionKey: await createEncryptionKey(),
    sessions: createSessionStore({ ttlMs: sessionTtlMs, now }),
    payments: createPaymentStore({ now }),
    faults: createFaultStore({ now }),
    requestLog: createRequestLog(now),
    timers: createTimers(),
    nextPaymentId: createPaymentIdSource(credentials.merchantId, options.paymentIdForm),
    nextRequestId: createRequestIdSource(),
  };
  const control = createControl(context);
  const server = createSimulatorServer(context, control);
  let listening: { port: number; close: () => Promise<void> } | undefined = await listen(server, options.port ?? DEFAULT_SIMULATOR_PORT, host);
  const port = listening.port;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: baseUrl,
    port,
    clientApiUrl: `${baseUrl}/client`,
    credentials,
    control,
    async setOffline(offline) {
      if (closing) return;
      if (offline && listening) {
        const was = listening;
        listening = undefined;
        await was.close();
      } else if (!offline && !listening) {
        listening = await listen(server, port, host);
      }
    },
    close() {
      closing ??= (async () => {
        context.timers.stop();
        await listening?.close();
      })();
      return closing;
    },
  };
}
