export const TEST_SERVER_VERSION: string;
export function ensureTimeSkippingTestServer(options?: { log?: (message: string) => void }): Promise<string>;
