import { z } from 'zod';
import { DEFAULT_LATENCY_MS } from './defaults.ts';

/** Every way the simulator can misbehave on demand; the extension's fault menu lists these. */
export const FAULT_KINDS = [
  'latency',
  'http-500',
  'http-502',
  'http-503',
  'http-429',
  'malformed-json',
  'html-error',
  'drop-connection',
  'hang',
  'unknown-status',
  'expire-session',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Which API a fault hits: the browser-facing Client API by default, since that is what the panel watches. */
export const FAULT_APIS = ['client', 'server', 'both'] as const;

const optionalNumber = (schema: z.ZodNumber) => z.coerce.number().pipe(schema).optional();

export const faultSpecSchema = z
  .object({
    kind: z.enum(FAULT_KINDS),
    clientSessionId: z.string().min(1).max(128).optional(),
    paymentId: z.string().min(1).max(128).optional(),
    /** How many matching requests it applies to; absent means until cleared. */
    times: optionalNumber(z.number().int().min(1).max(1_000_000)),
    /** How long it lasts from when it is added, in milliseconds; absent means until cleared (or spent). */
    forMs: optionalNumber(z.number().int().min(1).max(86_400_000)),
    api: z.enum(FAULT_APIS).default('client'),
    /** `latency`: the added delay. */
    ms: optionalNumber(z.number().int().min(0).max(600_000)),
    /** `http-429`: the Retry-After value in seconds. */
    retryAfterSeconds: optionalNumber(z.number().int().min(0).max(86_400)),
    /** `html-error`: the HTTP status of the page (500 unless given). */
    status: optionalNumber(z.number().int().min(400).max(599)),
    /** `unknown-status`: the value sent instead of one of the four. */
    value: z.string().min(1).max(64).optional(),
  })
  .strict()
  .refine((spec) => (spec.clientSessionId === undefined) !== (spec.paymentId === undefined), {
    message: 'name exactly one target: clientSessionId or paymentId',
  });
export type FaultSpec = z.infer<typeof faultSpecSchema>;

/** `endsAt`: epoch ms after which a fault with `forMs` no longer applies (it is then removed); null without one. */
export type Fault = FaultSpec & { id: string; createdAt: string; applied: number; remaining: number | null; endsAt: number | null };

/** What is known about a request when faults are chosen, before it is authenticated. */
export type FaultContext = {
  api: 'client' | 'server';
  clientSessionId: string | undefined;
  paymentId: string | undefined;
  isThirdPartyStatus: boolean;
};

export type FaultPlan = { latencyMs: number; fault: Fault | undefined };

function matches(fault: Fault, request: FaultContext): boolean {
  if (fault.api !== 'both' && fault.api !== request.api) return false;
  if (fault.kind === 'unknown-status' && !request.isThirdPartyStatus) return false;
  if (fault.clientSessionId !== undefined) return fault.clientSessionId === request.clientSessionId;
  return fault.paymentId === request.paymentId;
}

export type FaultStore = ReturnType<typeof createFaultStore>;

export function createFaultStore(options: { now: () => number }) {
  let faults: Fault[] = [];
  let nextId = 1;

  /** A fault whose `forMs` has run out is gone, as if spent. */
  const dropEnded = () => {
    const now = options.now();
    faults = faults.filter((fault) => fault.endsAt === null || now < fault.endsAt);
  };
  const use = (fault: Fault) => {
    fault.applied += 1;
    if (fault.remaining !== null) fault.remaining -= 1;
    if (fault.remaining === 0) faults = faults.filter((f) => f !== fault);
  };

  return {
    add(spec: FaultSpec): Fault {
      const now = options.now();
      const fault: Fault = {
        ...spec,
        id: `fault-${nextId++}`,
        createdAt: new Date(now).toISOString(),
        applied: 0,
        remaining: spec.times ?? null,
        endsAt: spec.forMs === undefined ? null : now + spec.forMs,
      };
      faults.push(fault);
      return fault;
    },
    list(): Fault[] {
      dropEnded();
      return faults.map((fault) => ({ ...fault }));
    },
    /** Removes the faults that match every given field (all of them when none is given). */
    clear(filter: { id?: string; clientSessionId?: string; paymentId?: string } = {}): number {
      const keep = (fault: Fault) =>
        (filter.id !== undefined && fault.id !== filter.id) ||
        (filter.clientSessionId !== undefined && fault.clientSessionId !== filter.clientSessionId) ||
        (filter.paymentId !== undefined && fault.paymentId !== filter.paymentId);
      const before = faults.length;
      faults = faults.filter(keep);
      return before - faults.length;
    },
    /**
     * Consumes what applies to one request: every matching latency adds up, and the oldest other
     * matching fault decides the answer.
     */
    take(request: FaultContext): FaultPlan {
      dropEnded();
      const matching = faults.filter((fault) => matches(fault, request));
      let latencyMs = 0;
      for (const fault of matching.filter((f) => f.kind === 'latency')) {
        latencyMs += fault.ms ?? DEFAULT_LATENCY_MS;
        use(fault);
      }
      const decisive = matching.find((f) => f.kind !== 'latency');
      if (decisive) use(decisive);
      return { latencyMs, fault: decisive && { ...decisive } };
    },
  };
}
