/** What `npm run bench -- …` accepts. Pure, so a typo is refused the same way in a test. */
export type BenchOptions = {
  /** Timed runs of each render and buildTimeline measurement, after `warmups`. */
  runs: number;
  warmups: number;
  /**
   * Two-hour histories simulated per scenario, after discarded warm-up runs (none with --quick):
   * V8 compiles, and may flush and recompile, code for the first runs, which shows as heap.
   */
  historyRuns: number;
  historyWarmups: number;
  /** Payments the polling-economy section polls at once, each with the panel's poller and a fixed one (issue 11). */
  payments: number;
  /** The Chromium figures (issue 11): loads of the checkout with each browser, and openings of the panel; `browser` false skips them. */
  browser: boolean;
  pageLoads: number;
  panelOpens: number;
  /** `missing`: build only when dist/chrome is absent; `always`: rebuild first; `never`: measure what is there. */
  build: 'missing' | 'always' | 'never';
  /** Exit non-zero when a size is over its budget. Timings never fail the run: this machine is shared. */
  strict: boolean;
  out: string;
  help: boolean;
};

export const DEFAULT_OPTIONS: BenchOptions = {
  runs: 30,
  warmups: 5,
  historyRuns: 5,
  historyWarmups: 2,
  payments: 20,
  browser: true,
  pageLoads: 30,
  panelOpens: 8,
  build: 'missing',
  strict: false,
  out: '.tmp/bench.json',
  help: false,
};

const QUICK: Partial<BenchOptions> = { runs: 5, warmups: 1, historyRuns: 1, historyWarmups: 0, payments: 6, pageLoads: 8, panelOpens: 2 };

export const USAGE = `npm run bench -- [options]
  --runs N          timed render, buildTimeline and classification runs (default ${DEFAULT_OPTIONS.runs}, after ${DEFAULT_OPTIONS.warmups} warm-ups)
  --history-runs N  two-hour histories per scenario (default ${DEFAULT_OPTIONS.historyRuns}, after ${DEFAULT_OPTIONS.historyWarmups} warm-ups)
  --payments N      payments polled at once in the polling-economy section (default ${DEFAULT_OPTIONS.payments})
  --page-loads N    loads of the checkout with and without the extension, in Chromium (default ${DEFAULT_OPTIONS.pageLoads})
  --panel-opens N   openings of the Connect panel, and of an empty Preact page (default ${DEFAULT_OPTIONS.panelOpens})
  --no-browser      leave out the Chromium figures (page load, panel paint)
  --quick           a smoke test: ${QUICK.runs} runs, one history per scenario, ${QUICK.payments} payments, ${QUICK.pageLoads} page loads, ${QUICK.panelOpens} panel openings
  --build           rebuild dist/chrome first (default: only when it is missing)
  --no-build        never build; measure dist/chrome as it is
  --strict          exit 1 when a size is over budget
  --out FILE        where the JSON goes (default ${DEFAULT_OPTIONS.out})`;

function positiveInteger(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a whole number of at least 1, got ${value ?? 'nothing'}`);
  return n;
}

/** Throws with a one-line message on anything it does not know; `--quick` applies before explicit counts. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { ...DEFAULT_OPTIONS, ...(argv.includes('--quick') ? QUICK : {}) };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case '--quick':
        break;
      case '--runs':
        options.runs = positiveInteger(arg, argv[++i]);
        break;
      case '--history-runs':
        options.historyRuns = positiveInteger(arg, argv[++i]);
        break;
      case '--payments':
        options.payments = positiveInteger(arg, argv[++i]);
        break;
      case '--page-loads':
        options.pageLoads = positiveInteger(arg, argv[++i]);
        break;
      case '--panel-opens':
        options.panelOpens = positiveInteger(arg, argv[++i]);
        break;
      case '--no-browser':
        options.browser = false;
        break;
      case '--build':
        options.build = 'always';
        break;
      case '--no-build':
        options.build = 'never';
        break;
      case '--strict':
        options.strict = true;
        break;
      case '--out': {
        const out = argv[++i];
        if (!out) throw new Error('--out needs a file name');
        options.out = out;
        break;
      }
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new Error(`unknown option ${arg ?? ''} (try --help)`);
    }
  }
  return options;
}
