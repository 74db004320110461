import { parseArgs, type ParseArgsConfig } from 'node:util';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

const common = {
  smoke: { type: 'boolean', default: false },
  strict: { type: 'boolean', default: false },
} as const;

/**
 * What every benchmark's command line and run share: `--smoke` (a small run that proves the benchmark works;
 * targets are not judged) and `--strict` (a missed target fails the run) beside its own options, a log line
 * prefix, and the two lists the report ends with — failed sanity checks (`problems`) and missed targets (`unmet`).
 */
export function benchCli<const Options extends OptionsConfig>(name: string, options: Options) {
  const { values: args } = parseArgs({ options: { ...common, ...options } });
  // Inside this generic function TypeScript cannot resolve the two common flags' types; callers see all.
  const flags = args as { smoke?: boolean; strict?: boolean };
  const smoke = flags.smoke === true;
  const problems: string[] = [];
  return {
    args,
    smoke,
    strict: flags.strict === true,
    /** A number option as given, else its full-run or smoke-run default. */
    num: (value: string | undefined, full: number, smokeDefault: number) =>
      value !== undefined ? Number(value) : smoke ? smokeDefault : full,
    log: (message: string) => {
      process.stderr.write(`[${name}] ${message}\n`);
    },
    problems,
    unmet: [] as string[],
    /** A report row's «target met» cell: smoke runs are too small to judge. */
    verdict: (ok: boolean) => (smoke ? 'n/a (smoke)' : ok ? 'yes' : '**no**'),
    /** Records a failed sanity check: the run then exits 1 whatever the targets. */
    check: (ok: boolean, message: string) => {
      if (!ok) problems.push(message);
    },
  };
}
