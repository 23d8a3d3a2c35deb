import type { HostAccess, HostAccessAnswer } from '../../../src/extension/platform/host-access.ts';

/** The browser's host permissions, answering each request as told; it remembers what was asked. */
export class FakeHostAccess implements HostAccess {
  readonly granted = new Set<string>();
  readonly requested: string[] = [];
  readonly removed: string[] = [];
  /** What the next requests answer; `pending` keeps them waiting, as an open browser prompt does. */
  answer: HostAccessAnswer['kind'] | 'pending' = 'granted';
  private waiting: { origin: string; resolve: (answer: HostAccessAnswer) => void }[] = [];

  request(origin: string): Promise<HostAccessAnswer> {
    this.requested.push(origin);
    if (this.answer === 'pending') return new Promise((resolve) => this.waiting.push({ origin, resolve }));
    return Promise.resolve(this.settle(origin, this.answer));
  }

  /** Answers the prompts left waiting. */
  answerWaiting(kind: HostAccessAnswer['kind']): void {
    for (const { origin, resolve } of this.waiting.splice(0)) resolve(this.settle(origin, kind));
  }

  async has(origin: string): Promise<boolean> {
    return this.granted.has(origin);
  }

  async remove(origin: string): Promise<boolean> {
    this.removed.push(origin);
    this.granted.delete(origin);
    return true;
  }

  private settle(origin: string, kind: HostAccessAnswer['kind']): HostAccessAnswer {
    if (kind === 'granted') this.granted.add(origin);
    return kind === 'unavailable' ? { kind, reason: 'no permissions API' } : { kind };
  }
}
