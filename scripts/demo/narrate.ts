import { maskSecret } from '../../src/core/connect/ids.ts';

export type Narrator = {
  /** One line of the story, stamped with the seconds since the start. */
  say(line: string): void;
  /** Seconds since the start, e.g. `12.3 s`. */
  elapsed(): string;
};

export function createNarrator(write: (line: string) => void = console.log, now: () => number = performance.now.bind(performance)): Narrator {
  const started = now();
  const seconds = () => (now() - started) / 1000;
  return {
    say: (line) => write(`[${seconds().toFixed(1).padStart(5)} s] ${line}`),
    elapsed: () => `${seconds().toFixed(1)} s`,
  };
}

/** The clientSessionId is a bearer credential: the terminal only ever gets it masked, as the panel shows it. */
export function sessionLine(customerId: string, clientSessionId: string | undefined, sdk: string): string {
  const id = clientSessionId === undefined ? '' : `, client session ${maskSecret(clientSessionId)}`;
  return `Session ${customerId} detected by the panel (${sdk}${id})`;
}

/** What the customer does on the phone to move a payment to each status. */
export const CUSTOMER_ACTION: Record<string, string> = {
  INITIALIZED: 'Customer scans the QR code',
  AUTHORIZED: 'Customer authenticates in the app',
  COMPLETED: 'Customer confirms the payment',
};
