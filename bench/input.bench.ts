/**
 * Benchmark 10 (issue #25, item 3): what one hostile unauthenticated request costs the API, against a
 * tiny request to the same endpoint measured in the same run.
 *
 *   node -r @swc-node/register bench/input.bench.ts [--smoke] [--rounds N] [--requests N] [--strict]
 *
 * The API (Nest on Fastify, createApiApp) runs in this process on PostgreSQL (support/postgres.ts; the
 * store is only touched by the tiny request's user lookup). Temporal is not needed: the API's client
 * connects lazily and nothing here reaches a workflow. The markdown report goes to stdout, progress to
 * stderr. See bench/README.md.
 */
import 'reflect-metadata';
import './support/env';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { structuralError } from '../apps/api/src/common/validation';
import { runApiBench } from './support/api-bench';
import { median, ms, percentile, runMain } from './support/stats';
import { benchCli } from './support/cli';

const cli = benchCli('bench:input', {
  rounds: { type: 'string' },
  requests: { type: 'string' },
});
const { args, smoke: SMOKE, num, check, unmet, log, verdict } = cli;
const ROUNDS = num(args.rounds, 5, 2);
const REQUESTS = num(args.requests, 20, 3);
/** The finding's body: 90,000 unknown keys, ≈ 0.98 MB. */
const HOSTILE_KEYS = 90_000;
/** Issue #25: "such a request costs < 50 ms". */
const TARGET_MS = 50;

interface Sample {
  ms: number;
  status: number;
  bytes: number;
  errors: number;
}

async function post(url: string, body: string): Promise<Sample> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  const elapsed = performance.now() - started;
  let errors = 0;
  try {
    errors = (JSON.parse(text) as { errors?: unknown[] }).errors?.length ?? 0;
  } catch {
    errors = -1;
  }
  return { ms: elapsed, status: response.status, bytes: Buffer.byteLength(text), errors };
}

/** /health/live probed every 2 ms while `during` runs: its worst wait is how long the event loop was held. */
async function probeWhile(baseUrl: string, during: Promise<unknown>): Promise<number[]> {
  const waits: number[] = [];
  let done = false;
  void during.finally(() => (done = true));
  while (!done) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/health/live`);
    await response.arrayBuffer();
    waits.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await during;
  return waits;
}

async function main(): Promise<number> {
  return runApiBench({
    title: 'Input benchmark',
    ...cli,
    measure: async ({ baseUrl }, sections) => {
      const url = `${baseUrl}/auth/dev-token`;

      const hostileBody = JSON.stringify(
        Object.fromEntries(Array.from({ length: HOSTILE_KEYS }, (_, i) => [`k${i}`, 1])),
      );
      const tinyBody = () => JSON.stringify({ sub: randomUUID() });
      check(
        hostileBody.length > 900_000 && hostileBody.length <= 1_048_576,
        `hostile body is ${hostileBody.length} bytes, not ≈ 0.98 MB under the 1 MiB limit`,
      );

      // Warm-up: JIT, connection pool, the first request's lazy work.
      for (let i = 0; i < 3; i++) {
        await post(url, tinyBody());
        await post(url, hostileBody);
      }

      const tiny: Sample[] = [];
      const hostile: Sample[] = [];
      const ratios: number[] = [];
      const perRound: string[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        const a: Sample[] = [];
        const b: Sample[] = [];
        for (let i = 0; i < REQUESTS; i++) a.push(await post(url, tinyBody()));
        for (let i = 0; i < REQUESTS; i++) b.push(await post(url, hostileBody));
        tiny.push(...a);
        hostile.push(...b);
        const ratio = median(b.map((s) => s.ms)) / median(a.map((s) => s.ms));
        ratios.push(ratio);
        perRound.push(
          `| ${round} | ${ms(median(a.map((s) => s.ms)))} | ${ms(median(b.map((s) => s.ms)))} | ${ratio.toFixed(1)} |`,
        );
      }

      // The event loop while hostile bodies arrive back to back: a probe must not wait behind them.
      const idle = await probeWhile(baseUrl, new Promise((resolve) => setTimeout(resolve, SMOKE ? 50 : 500)));
      const busy = await probeWhile(
        baseUrl,
        (async () => {
          for (let i = 0; i < REQUESTS; i++) await post(url, hostileBody);
        })(),
      );

      // The walk alone, in this process, on the parsed body (what validation costs before any class is built).
      const parsed: unknown = JSON.parse(hostileBody);
      const walks: number[] = [];
      for (let i = 0; i < Math.max(5, REQUESTS); i++) {
        const t = performance.now();
        structuralError(parsed);
        walks.push(performance.now() - t);
      }

      const statuses = new Set(hostile.map((s) => s.status));
      check(
        statuses.size === 1 && statuses.has(400),
        `hostile statuses ${[...statuses].join(', ')}, expected 400 only`,
      );
      check(
        hostile.every((s) => s.errors >= 1 && s.errors <= 20),
        'a hostile answer reported no errors or more than 20',
      );
      check(
        tiny.every((s) => s.status >= 400 && s.status < 500),
        'the tiny request (an unknown subject) did not get a 4xx',
      );
      check(
        [...tiny, ...hostile].every((s) => Number.isFinite(s.ms) && s.ms > 0),
        'a timing is not a positive number',
      );

      const hostileP50 = median(hostile.map((s) => s.ms));
      const hostileP99 = percentile(
        hostile.map((s) => s.ms),
        99,
      );
      const tinyP50 = median(tiny.map((s) => s.ms));
      const ok = hostileP99 < TARGET_MS;
      if (!SMOKE && !ok) unmet.push(`10. hostile request p99 ${ms(hostileP99)} ≥ ${TARGET_MS} ms`);

      sections.push({
        title: `10. One unauthenticated hostile request — ${(hostileBody.length / 1e6).toFixed(2)} MB, ${HOSTILE_KEYS.toLocaleString('en-US')} unknown keys, POST /auth/dev-token`,
        lines: [
          `${ROUNDS} rounds × ${REQUESTS} sequential requests of each kind (baseline first), client-side wall time (send, parse, validate, answer, receive).`,
          '',
          '| figure | tiny `{ sub }` (baseline) | hostile body | ratio (hostile ÷ tiny, median of rounds) | target | met |',
          '|---|---:|---:|---:|---|---|',
          `| p50 | ${ms(tinyP50)} | ${ms(hostileP50)} | ${median(ratios).toFixed(1)} | | |`,
          `| p99 | ${ms(
            percentile(
              tiny.map((s) => s.ms),
              99,
            ),
          )} | ${ms(hostileP99)} | | hostile p99 < ${TARGET_MS} ms | ${verdict(ok)} |`,
          `| answer size | ${Math.max(...tiny.map((s) => s.bytes))} B | ${Math.max(...hostile.map((s) => s.bytes))} B | | | |`,
          `| errors reported | | ${Math.max(...hostile.map((s) => s.errors))} | | ≤ 20 | ${hostile.every((s) => s.errors <= 20) ? 'yes' : '**no**'} |`,
          '',
          '| `/health/live` | idle | while hostile bodies arrive back to back |',
          '|---|---:|---:|',
          `| probes | ${idle.length} | ${busy.length} |`,
          `| p50 wait | ${ms(median(idle))} | ${ms(median(busy))} |`,
          `| max wait | ${ms(Math.max(...idle))} | ${ms(Math.max(...busy))} |`,
          '',
          `The structural walk alone on the parsed body (in this process): median ${ms(median(walks))}, max ${ms(Math.max(...walks))}. Before the limits (issue #25) this request took 6.7–8 s and answered 9.6 MB.`,
          '',
          '<details><summary>per round</summary>',
          '',
          '| round | tiny p50 | hostile p50 | ratio |',
          '|---:|---:|---:|---:|',
          ...perRound,
          '',
          '</details>',
        ],
      });
    },
  });
}

runMain(main, log);
