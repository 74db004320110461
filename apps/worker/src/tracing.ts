import { startTracing } from '@mentorflow/temporal';

// Imported first by main.ts: the pg instrumentation patches the driver as it loads (OTEL_EXPORTER_OTLP_ENDPOINT).
startTracing('mentorflow-worker');
