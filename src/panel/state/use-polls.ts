import { useEffect, useState } from 'preact/hooks';
import type { PaymentPoll, PollManager } from './poll-manager.ts';

export function usePolls(manager: PollManager): PaymentPoll[] {
  const [polls, setPolls] = useState(() => manager.list());
  useEffect(() => {
    setPolls(manager.list());
    return manager.subscribe(() => setPolls(manager.list()));
  }, [manager]);
  return polls;
}
