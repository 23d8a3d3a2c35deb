import { useEffect, useState } from 'preact/hooks';
import { CUSTOMER_STEPS, type CustomerStep, type SimulatorInfo } from '../../extension/platform/simulator-control.ts';
import type { PanelServices } from '../services.ts';

const STEP_LABEL: Record<CustomerStep, string> = {
  scan: 'Scan the code',
  authenticate: 'Authenticate',
  confirm: 'Confirm payment',
  abandon: 'Abandon',
};

/**
 * Demo mode: when the session belongs to the built-in simulator, the customer's phone and the
 * fault injection sit beside the timeline, so a whole story runs from DevTools.
 */
export function DemoControls({ origin, paymentId, services }: { origin: string; paymentId: string; services: PanelServices }) {
  const [info, setInfo] = useState<SimulatorInfo | null>(null);
  const [fault, setFault] = useState('');
  const [times, setTimes] = useState('3');
  const [message, setMessage] = useState('');

  useEffect(() => {
    let live = true;
    void services.simulator.probe(origin).then((found) => {
      if (!live) return;
      setInfo(found);
      setFault(found?.faultKinds[0] ?? '');
    });
    return () => {
      live = false;
    };
  }, [origin, services]);

  if (!info) return null;
  const run = async (work: Promise<string | null>, done: string) => setMessage((await work) ?? done);
  return (
    <div class="demo" data-testid="demo-controls" role="group" aria-label="Simulator demo controls">
      <span class="badge">Simulator</span>{' '}
      {CUSTOMER_STEPS.map((step) => (
        <button
          key={step}
          type="button"
          data-step={step}
          onClick={() => run(services.simulator.step(origin, paymentId, step), `Customer: ${STEP_LABEL[step]}`)}
        >
          {STEP_LABEL[step]}
        </button>
      ))}{' '}
      <label>
        Fault{' '}
        <select value={fault} onChange={(e) => setFault(e.currentTarget.value)} data-testid="fault-kind">
          {info.faultKinds.map((kind) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        for{' '}
        <input type="number" min={1} max={100} size={3} value={times} onInput={(e) => setTimes(e.currentTarget.value)} aria-label="Number of requests" />{' '}
        requests
      </label>{' '}
      <button type="button" data-testid="inject-fault" onClick={() => run(services.simulator.fault(origin, paymentId, fault, Number(times) || undefined), `Fault ${fault} injected`)}>
        Inject
      </button>{' '}
      <button type="button" onClick={() => run(services.simulator.clearFaults(origin, paymentId), 'Faults cleared')}>
        Clear faults
      </button>{' '}
      <span role="status" class="muted" data-testid="demo-message">
        {message}
      </span>
    </div>
  );
}
