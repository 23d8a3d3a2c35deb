import type { AutoFlowTimings } from './defaults.ts';
import type { CustomerStep, PaymentStore } from './payments.ts';
import type { Timers } from './timers.ts';

/**
 * The scripted customer of `--flow auto`: scan, authenticate and confirm, each after its delay.
 * A step someone already took by hand is skipped; an abandoned or completed payment ends the script.
 */
export function runAutoFlow(
  payments: PaymentStore,
  paymentId: string,
  timings: AutoFlowTimings,
  timers: Timers,
): void {
  const script: [CustomerStep, number][] = [
    ['scan', timings.scanAfterMs],
    ['authenticate', timings.authenticateAfterMs],
    ['confirm', timings.confirmAfterMs],
  ];
  const next = (index: number) => {
    const entry = script[index];
    if (!entry) return;
    const [step, delay] = entry;
    timers.after(delay, () => {
      payments.step(paymentId, step);
      const payment = payments.get(paymentId);
      if (payment && !payment.abandoned && payment.thirdPartyStatus !== 'COMPLETED') next(index + 1);
    });
  };
  next(0);
}
