import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { BundleOptions } from '@temporalio/worker';
import { validateVariables } from '@mentorflow/config';
import { activeTracing, FAILURE_CONVERTER_PATH } from '@mentorflow/temporal';

/** The SDK's workflow-side tracing interceptors (spans of workflow runs, updates, activities scheduled). */
export const WORKFLOW_TRACING_INTERCEPTORS =
  require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

/** Tracing is on (OTEL_EXPORTER_OTLP_ENDPOINT, or a test's exporter): its interceptors go into the bundle. */
export const workflowTracing = (): boolean =>
  activeTracing() !== undefined ||
  Boolean(validateVariables(['OTEL_EXPORTER_OTLP_ENDPOINT']).OTEL_EXPORTER_OTLP_ENDPOINT);

/** Finds workflows/index.ts from the source tree or a built dist/ (the worker bundles it at start). */
export function workflowsPath(): string {
  const { WORKFLOWS_PATH } = validateVariables(['WORKFLOWS_PATH']);
  if (WORKFLOWS_PATH) return resolve(WORKFLOWS_PATH);
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'workflows', 'index.ts');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('workflows/index.ts not found: set WORKFLOWS_PATH');
}

/** Whether the workflow sandbox keeps the SDK's per-promise stack traces (WORKFLOW_STACK_TRACES=on). */
export function workflowStackTracesKept(): boolean {
  return validateVariables(['WORKFLOW_STACK_TRACES']).WORKFLOW_STACK_TRACES === 'on';
}

type WebpackConfig = Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0];
type WebpackCompiler = {
  webpack: {
    BannerPlugin: new (options: { banner: string; raw: boolean; entryOnly: boolean }) => {
      apply(compiler: WebpackCompiler): void;
    };
  };
};

/**
 * Without WORKFLOW_STACK_TRACES=on, the bundle's first statement sets the sandbox's
 * `Error.stackTraceLimit` to 0, before the SDK's own code creates a promise.
 *
 * Why: the SDK captures a source-mapped stack trace for every promise a workflow creates, only to
 * answer the "stack trace" query (temporalio/sdk-typescript#1587). Here that was most of the CPU of
 * each workflow task and replay, and its first use parses the bundle's 1.7 MB source map, ≈ 0.2 s of
 * every cold replay (bench 8). The price: the Web UI's "Stack Trace" tab stays empty and errors raised
 * inside workflow code carry no frames; set WORKFLOW_STACK_TRACES=on while debugging a stuck workflow.
 */
function withoutPromiseStackTraces(config: WebpackConfig): WebpackConfig {
  const banner = {
    apply: (compiler: WebpackCompiler) =>
      new compiler.webpack.BannerPlugin({ banner: 'Error.stackTraceLimit = 0;', raw: true, entryOnly: true }).apply(
        compiler,
      ),
  };
  return { ...config, plugins: [...(config.plugins ?? []), banner as never] };
}

/**
 * How every workflow bundle of mentorflow built ahead of the worker is built (npm run build:workflows, the replay
 * tests', the benchmarks'), as the worker bundles at start with its data converter and interceptors, so that what is
 * tested and measured is what runs.
 */
export function workflowBundleOptions(): Pick<
  BundleOptions,
  'workflowsPath' | 'webpackConfigHook' | 'failureConverterPath' | 'workflowInterceptorModules'
> {
  return {
    workflowsPath: workflowsPath(),
    failureConverterPath: FAILURE_CONVERTER_PATH,
    ...(workflowTracing() ? { workflowInterceptorModules: [WORKFLOW_TRACING_INTERCEPTORS] } : {}),
    ...(workflowStackTracesKept() ? {} : { webpackConfigHook: withoutPromiseStackTraces }),
  };
}

/** The same as the `workflowsPath` and `bundlerOptions` of `Worker.create` or `Worker.runReplayHistory`. */
export function workerBundleOptions(): {
  workflowsPath: string;
  bundlerOptions: Pick<BundleOptions, 'webpackConfigHook'>;
} {
  const { workflowsPath: path, webpackConfigHook } = workflowBundleOptions();
  return { workflowsPath: path, bundlerOptions: { webpackConfigHook } };
}
