import { startTracing } from '@mentorflow/temporal';

// Imported first by main.ts: the HTTP and pg instrumentations patch those modules as they load (OTEL_EXPORTER_OTLP_ENDPOINT).
startTracing('mentorflow-api');
