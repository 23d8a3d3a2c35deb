import { newClientSessionId, newCustomerId } from './ids.ts';

export type ClientSession = {
  clientSessionId: string;
  customerId: string;
  merchantId: string;
  createdAt: number;
  /** Absolute: the platform documents a maximum lifespan, not an idle timeout. */
  expiresAt: number;
  /** Set by a forced expiry from the control API. */
  expiredByControl: boolean;
};

export type SessionStore = ReturnType<typeof createSessionStore>;

export function createSessionStore(options: { ttlMs: number; now: () => number }) {
  const sessions = new Map<string, ClientSession>();

  const isActive = (session: ClientSession) =>
    !session.expiredByControl && options.now() < session.expiresAt;

  return {
    create(merchantId: string): ClientSession {
      const createdAt = options.now();
      const session: ClientSession = {
        clientSessionId: newClientSessionId(),
        customerId: newCustomerId(merchantId),
        merchantId,
        createdAt,
        expiresAt: createdAt + options.ttlMs,
        expiredByControl: false,
      };
      sessions.set(session.clientSessionId, session);
      return session;
    },
    get(clientSessionId: string): ClientSession | undefined {
      return sessions.get(clientSessionId);
    },
    isActive,
    /** The session a Client API call may use: known, not expired, and its customerId in the path. */
    authorize(clientSessionId: string, customerId: string): ClientSession | undefined {
      const session = sessions.get(clientSessionId);
      return session && session.customerId === customerId && isActive(session) ? session : undefined;
    },
    expire(clientSessionId: string): ClientSession | undefined {
      const session = sessions.get(clientSessionId);
      if (session) session.expiredByControl = true;
      return session;
    },
    list(): ClientSession[] {
      return [...sessions.values()];
    },
  };
}

/** The session as the control API shows it. */
export function describeSession(session: ClientSession, active: boolean) {
  return {
    clientSessionId: session.clientSessionId,
    customerId: session.customerId,
    createdAt: new Date(session.createdAt).toISOString(),
    expiresAt: new Date(session.expiresAt).toISOString(),
    expired: !active,
  };
}
