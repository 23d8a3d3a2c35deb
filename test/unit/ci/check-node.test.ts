import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const script = require.resolve('../../../scripts/check-node.cjs');
const { isSupportedNode, refusal } = require(script) as {
  isSupportedNode: (version: string) => boolean;
  refusal: (version: string) => string;
};

describe('the Node version check', () => {
  it.each([
    ['18.19.0', false],
    ['20.14.0', false],
    ['20.18.9', false],
    ['20.19.0', true],
    ['20.20.2', true],
    ['21.7.3', false],
    ['22.11.0', false],
    ['22.12.0', true],
    ['23.0.0', true],
    ['24.1.0', true],
    ['26.0.0', true],
    ['v22.12.0', true],
    ['not a version', false],
  ])('Node %s is supported: %s', (version, supported) => {
    expect(isSupportedNode(version)).toBe(supported);
  });

  it('says in one sentence what to do, naming the Node it found', () => {
    expect(refusal('v18.19.0')).toBe(
      'Connect DevTools needs Node 20.19+ or 22.12+ (this is Node 18.19.0): install a newer Node and run the command again.',
    );
  });

  it('stops the command under an older Node with that sentence', () => {
    // No old Node is at hand, so this one claims to be 18.19.0 before the script reads its version.
    const pretend = 'data:text/javascript,Object.defineProperty(process.versions,"node",{value:"18.19.0"})';
    const run = spawnSync(process.execPath, ['--import', pretend, script], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(refusal('18.19.0'));
  });

  it('lets the command go on under this Node', () => {
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });
});
