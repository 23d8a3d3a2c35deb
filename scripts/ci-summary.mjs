// Reads the vitest JSON reports of the CI runs and prints one final line "N passed, N failed, N skipped" summed over
// all of them. Exits 1 when anything could hide a failure: a failed test, a run that exited non-zero, a report that
// is missing, empty or unreadable, a run in which no test ran, a test file that failed outside any test, or a test
// skipped without a documented reason (vitest reports the tests of a file whose setup failed as skipped).
//
//   node scripts/ci-summary.mjs [--allowed-skips FILE] --report NAME EXIT_STATUS REPORT_FILE [--report ...]
//
// The allowed-skips file is a JSON array of { "test": "<full test name>", "reason": "<why>" }.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const SKIPPED = new Set(['skipped', 'pending', 'todo']);

function parseArgs(argv) {
  const runs = [];
  let allowedSkipsFile;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--allowed-skips' && i + 1 < argv.length) {
      allowedSkipsFile = argv[++i];
    } else if (argv[i] === '--report' && i + 3 < argv.length) {
      const status = Number(argv[i + 2]);
      if (!Number.isInteger(status)) throw new Error(`exit status of ${argv[i + 1]} is not a number: "${argv[i + 2]}"`);
      runs.push({ name: argv[i + 1], status, file: argv[i + 3] });
      i += 3;
    } else {
      throw new Error(`unexpected argument "${argv[i]}"`);
    }
  }
  if (runs.length === 0) throw new Error('no --report given');
  return { runs, allowedSkipsFile };
}

function readAllowedSkips(file) {
  if (!file) return new Map();
  const entries = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(entries)) throw new Error(`${file} must hold a JSON array`);
  const allowed = new Map();
  for (const entry of entries) {
    if (typeof entry?.test !== 'string' || typeof entry?.reason !== 'string' || entry.reason.trim() === '') {
      throw new Error(`${file}: every entry needs a "test" (full name) and a "reason": ${JSON.stringify(entry)}`);
    }
    allowed.set(entry.test, entry.reason);
  }
  return allowed;
}

function readReport(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { problem: 'wrote no report' };
  }
  if (text.trim() === '') return { problem: 'wrote an empty report' };
  try {
    const report = JSON.parse(text);
    if (typeof report?.numTotalTests !== 'number' || !Array.isArray(report.testResults)) {
      return { problem: 'wrote a report that is not a vitest JSON report' };
    }
    return { report };
  } catch {
    return { problem: 'wrote a report that is not JSON' };
  }
}

// Matches the colour codes vitest writes into its failure messages.
// eslint-disable-next-line no-control-regex -- the escape character is what is matched
const ANSI = /\u001b\[[0-9;]*m/g;
/** How many lines of a failure's message are printed under its name: the assertion and where it failed. */
const WHY_LINES = 8;

/**
 * The start of a failed test's first message, indented under its name, so that the end of a CI log (often all that
 * is kept of it) says why the test failed and not only which.
 */
function why(test) {
  const message = (test.failureMessages ?? []).find((m) => typeof m === 'string' && m.trim() !== '');
  if (!message) return '';
  const lines = message.replace(ANSI, '').split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
  return lines.slice(0, WHY_LINES).map((l) => `\n    ${l}`).join('');
}

/** The summary of several runs: the totals, the reasons to fail, and the final line. */
function summarize(runs, allowedSkips, cwd = process.cwd()) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const problems = [];
  for (const run of runs) {
    const { report, problem } = readReport(run.file);
    if (!report) {
      // Counted as a failure so the final line never reads "0 failed" for a run that could not report.
      totals.failed += 1;
      problems.push(`${run.name} ${problem} (${run.file}), exit status ${run.status}`);
      continue;
    }
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
    let explained = report.numFailedTests > 0;
    if (report.numTotalTests === 0) {
      totals.failed += 1;
      explained = true;
      problems.push(`${run.name}: no test ran`);
    }
    for (const file of report.testResults) {
      const path = relative(cwd, file.name);
      const tests = file.assertionResults ?? [];
      // A file that failed without a failed test (an import error, a failing hook or setup file) is in no count.
      if (file.status === 'failed' && !tests.some((test) => test.status === 'failed')) {
        totals.failed += 1;
        explained = true;
        const why = file.message || 'a hook failed; its tests are reported as skipped';
        problems.push(`${run.name}: ${path} failed outside its tests: ${why}`);
      }
      for (const test of tests) {
        if (test.status === 'failed') problems.push(`${run.name}: ${path} > ${test.fullName} failed${why(test)}`);
        if (SKIPPED.has(test.status) && !allowedSkips.has(test.fullName)) {
          explained = true;
          problems.push(`${run.name}: ${path} > ${test.fullName} was ${test.status} without a documented reason`);
        }
      }
    }
    if (run.status !== 0 && !explained) {
      totals.failed += 1;
      problems.push(`${run.name} exited with status ${run.status} although its report shows no failure (see its output)`);
    }
  }
  const line = `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
  return { totals, problems, line, ok: problems.length === 0 && totals.failed === 0 };
}

function main() {
  let args;
  let allowedSkips;
  try {
    args = parseArgs(process.argv.slice(2));
    allowedSkips = readAllowedSkips(args.allowedSkipsFile);
  } catch (error) {
    console.error(`ci-summary: ${error.message}`);
    console.log('0 passed, 1 failed, 0 skipped');
    process.exit(1);
  }
  const summary = summarize(args.runs, allowedSkips);
  for (const problem of summary.problems) console.log(problem);
  console.log(summary.line);
  process.exit(summary.ok ? 0 : 1);
}

main();
