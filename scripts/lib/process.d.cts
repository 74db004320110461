export function isAlive(pid: number): boolean;
export function freePort(host?: string): Promise<number>;
export function portOpen(port: number, host?: string): Promise<boolean>;
export function waitForPort(
  port: number,
  options?: {
    host?: string;
    timeoutMs?: number;
    intervalMs?: number;
    what?: string;
    failIf?: () => string | undefined | null | false;
  },
): Promise<void>;
export function isExecutable(path: string): Promise<boolean>;
export function which(cmd: string): Promise<string | null>;
