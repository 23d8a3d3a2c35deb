import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkBudgets, SIZE_BUDGETS } from '../../scripts/bench/budgets.ts';
import { measureBundleSizes, PANEL_LATER, type SizeGroup } from '../../scripts/bench/bundle-sizes.ts';

/**
 * What the built extension ships, against its budgets (scripts/bench/budgets.ts), grouped exactly as
 * `npm run bench` groups it (scripts/bench/bundle-sizes.ts). Sizes are deterministic, so a bundle over
 * its budget is a failed test, not a benchmark. It lives in the browser project because `npm test`
 * builds dist/chrome right before that project runs; the unit project runs without a build.
 */

/** The build `npm test` has just made (vite.config.ts `outDir`), the one `npm run bench` measures. */
const DIST = fileURLToPath(new URL('../../dist/chrome', import.meta.url));

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function describeGroup(group: SizeGroup): string {
  const files = group.files.map((f) => `  ${f.file}: ${f.missing ? 'MISSING' : `${kb(f.gzipBytes)} gzip, ${kb(f.bytes)} raw`}`);
  const budget = SIZE_BUDGETS[group.name];
  return [`${group.name}: ${kb(group.gzipBytes)} gzip (${group.gzipBytes} bytes), ${budget === undefined ? 'no budget' : `budget ${kb(budget)}`}`, ...files].join('\n');
}

let sizes: ReturnType<typeof measureBundleSizes> | undefined;
function measured() {
  try {
    sizes ??= measureBundleSizes(DIST);
  } catch (error) {
    throw new Error(`No build to measure in ${DIST} (run npm run build): ${String(error)}`);
  }
  return sizes;
}

function groupNamed(name: string): SizeGroup {
  const group = measured().groups.find((g) => g.name === name);
  if (!group) throw new Error(`no size group "${name}" (scripts/bench/bundle-sizes.ts names ${measured().groups.map((g) => g.name).join(', ')})`);
  return group;
}

describe('bundle sizes (gzip -9, each file on its own)', () => {
  // What the panel loads later is counted apart, never in its budget: it must be there all the same.
  it.each([...Object.keys(SIZE_BUDGETS), PANEL_LATER])('%s: every file it loads is in the build', (name) => {
    const group = groupNamed(name);
    expect(group.files.length, describeGroup(group)).toBeGreaterThan(0);
    expect(group.files.filter((f) => f.missing).map((f) => f.file), describeGroup(group)).toEqual([]);
  });

  it.each(Object.keys(SIZE_BUDGETS))('%s: within its budget', (name) => {
    const group = groupNamed(name);
    const [check] = checkBudgets([group]);
    if (!check) throw new Error(`no budget for ${name}`);
    expect(check.overBytes, `${describeGroup(group)}\nover by ${kb(check.overBytes)} (built ${measured().builtAt})`).toBeLessThanOrEqual(0);
  });
});
