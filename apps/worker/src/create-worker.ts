import { Logger, type INestApplicationContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Duration } from '@temporalio/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { workerConfig, type AppConfig, type WorkerConfig } from '@mentorflow/config';
import { EventStore } from '@mentorflow/event-store';
import { activeTracing, mentorflowDataConverter, payloadCodecFor, temporalTlsOptions } from '@mentorflow/temporal';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import { createEventStoreActivities } from './activities/event-store.activities';
import { createProgrammeActivities } from './activities/programme.activities';
import { createPairActivities } from './activities/pair.activities';
import { createRouteActivities } from './activities/route.activities';
import { createNotificationActivities } from './activities/notification.activities';
import { workflowCode } from './workflow-bundle';
import { WORKFLOW_TRACING_INTERCEPTORS } from './workflows-path';

/**
 * Tracing on (libs/temporal startTracing): activities continue the trace their workflow task carried, and the
 * workflow's spans leave the sandbox through a sink (the sandbox has no exporter of its own).
 */
function tracingOptions(prebuilt: boolean): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  const tracing = activeTracing();
  if (tracing === undefined) return {};
  return {
    interceptors: {
      // A prebuilt bundle has them inside already (its sources hash says tracing).
      ...(prebuilt ? {} : { workflowModules: [WORKFLOW_TRACING_INTERCEPTORS] }),
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
    },
    sinks: { exporter: makeWorkflowExporter(tracing.processor, tracing.resource) },
  };
}

/** Every activity of mentorflow, built from the Nest container's providers. */
export function createActivities(app: INestApplicationContext) {
  return activitiesFrom({ store: app.get(EventStore), db: app.get(DataSource) });
}

/** The same activities from plain dependencies (tests on the time-skipping server build them so). */
export function activitiesFrom({ store, db }: { store: EventStore; db: DataSource }) {
  return {
    ...createEventStoreActivities({ store }),
    ...createProgrammeActivities({ db }),
    ...createPairActivities({ store, db }),
    ...createRouteActivities({ store, db }),
    ...createNotificationActivities({ store, db }),
  };
}

export async function createWorker(
  app: INestApplicationContext,
  overrides: Partial<WorkerOptions> & { connection?: NativeConnection } = {},
): Promise<Worker> {
  const temporal = app.get(ConfigService).getOrThrow<AppConfig['temporal']>('app.temporal');
  const worker = app.get<WorkerConfig>(workerConfig.KEY);
  const connection =
    overrides.connection ??
    (await NativeConnection.connect({ address: temporal.address, tls: temporalTlsOptions(temporal) }));
  // A bundle given (benchmarks) or prebuilt for these sources (npm run build:workflows), else bundled at start.
  const code = overrides.workflowBundle ? {} : workflowCode((message) => Logger.log(message, 'Worker'));
  return Worker.create({
    connection,
    namespace: temporal.namespace,
    taskQueue: temporal.taskQueue,
    ...code,
    activities: createActivities(app),
    // The same codec as the API's client: workflow inputs, updates and activity data are encrypted in Temporal.
    dataConverter: mentorflowDataConverter(payloadCodecFor(temporal.payloadKeys)),
    // Sized for a 2-core, few-GiB machine; benchmarks measure the cost per cached workflow.
    maxCachedWorkflows: worker.maxCachedWorkflows,
    shutdownGraceTime: worker.shutdownGrace as Duration,
    ...tracingOptions(Boolean(overrides.workflowBundle ?? code.workflowBundle)),
    ...overrides,
  });
}
