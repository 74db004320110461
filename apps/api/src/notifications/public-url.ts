import type { AppConfig } from '@mentorflow/config';

/** The web app's address that notifications and feeds link to: PUBLIC_URL, or this API on the loopback. */
export const publicUrlOf = (app: AppConfig): string => app.http.publicUrl ?? `http://127.0.0.1:${app.port}`;
