import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const SCRIPT = resolve(import.meta.dirname, '../../../scripts/ci-summary.mjs');

type Status = 'passed' | 'failed' | 'skipped' | 'pending' | 'todo';
type FakeFile = { name: string; tests: [string, Status, string?][]; status?: 'passed' | 'failed'; message?: string };

/** A report shaped as vitest's JSON reporter writes it, with the counts it would derive from the tests. */
function vitestReport(files: FakeFile[]) {
  const all = files.flatMap((file) => file.tests.map(([, status]) => status));
  const count = (...statuses: Status[]) => all.filter((status) => statuses.includes(status)).length;
  return {
    numTotalTests: all.length,
    numPassedTests: count('passed'),
    numFailedTests: count('failed'),
    numPendingTests: count('skipped', 'pending'),
    numTodoTests: count('todo'),
    success: count('failed') === 0,
    testResults: files.map((file) => ({
      name: join(dir, file.name),
      status: file.status ?? (file.tests.some(([, status]) => status === 'failed') ? 'failed' : 'passed'),
      message: file.message ?? '',
      assertionResults: file.tests.map(([fullName, status, failure]) => ({ fullName, status, failureMessages: failure ? [failure] : [] })),
    })),
  };
}

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ci-summary-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** Runs the script over [name, exit status, report file] runs and returns its exit status and lines. */
function summary(runs: [string, number, string][], allowedSkips: unknown = []) {
  const args = ['--allowed-skips', write('allowed-skips.json', allowedSkips)];
  for (const [name, status, file] of runs) args.push('--report', name, String(status), file);
  const run = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', cwd: dir });
  const lines = run.stdout.trimEnd().split('\n');
  return { status: run.status, lines, last: lines.at(-1), stderr: run.stderr };
}

const passing = (prefix: string, n: number): FakeFile => ({
  name: `${prefix}.test.ts`,
  tests: Array.from({ length: n }, (_, i): [string, Status] => [`${prefix} case ${i}`, 'passed']),
});

describe('ci-summary', () => {
  it('sums both runs into one last line and passes when every test passed', () => {
    const all = write('all.json', vitestReport([passing('a', 3), passing('b', 2)]));
    const future = write('future.json', vitestReport([passing('a', 3)]));
    const result = summary([['npm test', 0, all], ['future clock', 0, future]]);
    expect(result.lines).toEqual(['8 passed, 0 failed, 0 skipped']);
    expect(result.status).toBe(0);
  });

  it('fails when a test failed in either run, counting failures over both', () => {
    const all = write('all.json', vitestReport([passing('a', 2)]));
    const future = write('future.json', vitestReport([{ name: 'a.test.ts', tests: [['a dated', 'failed'], ['a fine', 'passed']] }]));
    const result = summary([['npm test', 0, all], ['future clock', 1, future]]);
    expect(result.lines).toEqual(['future clock: a.test.ts > a dated failed', '3 passed, 1 failed, 0 skipped']);
    expect(result.status).toBe(1);
  });

  it('prints the start of a failed test\'s message under its name, without colour codes', () => {
    const message = [
      '\u001b[31mAssertionError: expected [ \'state\', \'error\' ] to deeply equal [ \'state\', \'error\', \'stop\' ]\u001b[39m',
      '',
      ...Array.from({ length: 12 }, (_, i) => `    at frame${i} (test/browser/x.test.ts:${i + 1}:1)`),
    ].join('\n');
    const report = write('r.json', vitestReport([{ name: 'x.test.ts', tests: [['x stops', 'failed', message]] }]));
    const result = summary([['npm test', 1, report]]);
    expect(result.lines).toEqual([
      'npm test: x.test.ts > x stops failed',
      "    AssertionError: expected [ 'state', 'error' ] to deeply equal [ 'state', 'error', 'stop' ]",
      ...Array.from({ length: 7 }, (_, i) => `        at frame${i} (test/browser/x.test.ts:${i + 1}:1)`),
      '0 passed, 1 failed, 0 skipped',
    ]);
    expect(result.status).toBe(1);
  });

  it('fails on a skipped or todo test and names it, counting pending and todo as skipped', () => {
    const report = vitestReport([
      passing('a', 1),
      { name: 'panel.test.ts', tests: [['panel renders', 'skipped'], ['panel later', 'todo']], status: 'failed' },
    ]);
    const result = summary([['npm test', 1, write('all.json', report)]]);
    expect(result.last).toBe('1 passed, 1 failed, 2 skipped');
    expect(result.lines).toContain('npm test: panel.test.ts > panel renders was skipped without a documented reason');
    expect(result.lines).toContain('npm test: panel.test.ts > panel later was todo without a documented reason');
    expect(result.status).toBe(1);
  });

  it('lets a skip through only when the checked-in list names the full test name with a reason', () => {
    const report = vitestReport([passing('a', 1), { name: 'b.test.ts', tests: [['b needs a GPU', 'skipped']] }]);
    const file = write('all.json', report);
    const allowed = summary([['npm test', 0, file]], [{ test: 'b needs a GPU', reason: 'no GPU on CI' }]);
    expect(allowed.lines).toEqual(['1 passed, 0 failed, 1 skipped']);
    expect(allowed.status).toBe(0);

    expect(summary([['npm test', 0, file]], [{ test: 'b needs', reason: 'a prefix is not the name' }]).status).toBe(1);
    const noReason = summary([['npm test', 0, file]], [{ test: 'b needs a GPU' }]);
    expect(noReason.status).toBe(1);
    expect(noReason.stderr).toContain('reason');
  });

  it('fails on a missing, empty or unreadable report and counts it as a failure', () => {
    const all = write('all.json', vitestReport([passing('a', 2)]));
    for (const future of [join(dir, 'absent.json'), write('empty.json', ''), write('torn.json', '{"numTotal'), write('other.json', '{}')]) {
      const result = summary([['npm test', 0, all], ['future clock', 1, future]]);
      expect(result.last).toBe('2 passed, 1 failed, 0 skipped');
      expect(result.lines[0]).toMatch(/^future clock wrote (no|an empty|a) report/);
      expect(result.status).toBe(1);
    }
  });

  it('fails when no test ran', () => {
    const result = summary([['npm test', 0, write('all.json', vitestReport([]))]]);
    expect(result.lines).toEqual(['npm test: no test ran', '0 passed, 1 failed, 0 skipped']);
    expect(result.status).toBe(1);
  });

  it('fails on a test file that failed outside its tests, such as an import error', () => {
    const report = vitestReport([passing('a', 2), { name: 'b.test.ts', tests: [], status: 'failed', message: 'Cannot find module x' }]);
    const result = summary([['npm test', 1, write('all.json', report)]]);
    expect(result.lines).toEqual(['npm test: b.test.ts failed outside its tests: Cannot find module x', '2 passed, 1 failed, 0 skipped']);
    expect(result.status).toBe(1);
  });

  it('fails when a run exited non-zero although its report shows nothing wrong, as after an unhandled error', () => {
    const result = summary([['npm test', 1, write('all.json', vitestReport([passing('a', 2)]))]]);
    expect(result.lines[0]).toContain('npm test exited with status 1');
    expect(result.last).toBe('2 passed, 1 failed, 0 skipped');
    expect(result.status).toBe(1);
  });

  it('refuses to run without a report to read', () => {
    const run = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout.trim()).toBe('0 passed, 1 failed, 0 skipped');
  });
});
