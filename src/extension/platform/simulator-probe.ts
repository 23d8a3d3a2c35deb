import { z } from '../../core/zod.ts';
import { call } from './simulator-control.ts';

/**
 * Whether an approved Client API origin is the built-in simulator, for demo mode. The origin may be
 * a real Connect host, so its answer is checked with zod; the panel loads this module when it first
 * asks.
 */
const infoSchema = z.looseObject({ product: z.literal('connect-simulator'), faultKinds: z.array(z.string().check(z.maxLength(64))).check(z.maxLength(64)) });
export type SimulatorInfo = z.infer<typeof infoSchema>;

/** `null` when the origin is not the simulator (a real Connect host answers 404 or nothing here). */
export async function probeSimulator(origin: string): Promise<SimulatorInfo | null> {
  try {
    const { ok, body } = await call(`${origin}/control/info`);
    const parsed = infoSchema.safeParse(body);
    return ok && parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
