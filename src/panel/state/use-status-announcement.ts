import { useEffect, useRef, useState } from 'preact/hooks';
import { announce, type Announced } from './poll-chip.ts';
import type { PaymentPoll } from './poll-manager.ts';

/** The latest change in the polls, for the panel's polite live region; the text stays until the next change. */
export function useStatusAnnouncement(polls: readonly PaymentPoll[]): string {
  const seen = useRef<Announced>(new Map());
  const [text, setText] = useState('');
  useEffect(() => {
    const next = announce(seen.current, polls);
    seen.current = next.seen;
    if (next.text !== undefined) setText(next.text);
  }, [polls]);
  return text;
}
