export const TEMPORAL_CLI_VERSION: string;
export function ensureTemporalCli(options?: { log?: (message: string) => void }): Promise<string | null>;
