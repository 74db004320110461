export function temporalDevServerArgs(options: {
  port: number;
  /** The server's SQLite file; absent: in memory. */
  dbFile?: string;
  /** The server's own log level; 'warn' unless given. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** The embedded Web UI on uiPort, with the codec endpoint on codecPort; headless unless true. */
  ui?: boolean;
  uiPort?: number;
  codecPort?: number;
}): string[];
export function temporalUiWanted(env: Record<string, string | undefined>): boolean;
export function devServerOutput(
  write: (line: string) => void,
  running: () => boolean,
): (chunk: Buffer | string) => void;
