import type { CDPSession } from 'playwright-core';

export type TargetInfo = { targetId: string; type: string; url: string };

/**
 * Calls `attach` for every target the browser has and every one it makes or changes later, and
 * `forget` when one goes: the shared way the capture harnesses follow the extension's parts.
 */
export async function followTargets(
  cdp: CDPSession,
  attach: (info: TargetInfo) => Promise<void>,
  forget: (targetId: string) => void,
): Promise<void> {
  const onTarget = ((event: { targetInfo: TargetInfo }) => void attach(event.targetInfo)) as never;
  cdp.on('Target.targetCreated' as never, onTarget);
  cdp.on('Target.targetInfoChanged' as never, onTarget);
  cdp.on('Target.targetDestroyed' as never, ((event: { targetId: string }) => forget(event.targetId)) as never);
  await cdp.send('Target.setDiscoverTargets' as never, { discover: true } as never);
  const { targetInfos } = (await cdp.send('Target.getTargets' as never)) as { targetInfos: TargetInfo[] };
  await Promise.all(targetInfos.map(attach));
}
