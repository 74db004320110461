export function temporalDevServerArgs(options: {
  port: number;
  uiPort: number;
  codecPort: number;
  dbFile: string;
  ui: boolean;
}): string[];
export function temporalUiWanted(env: Record<string, string | undefined>): boolean;
export function devServerOutput(
  write: (line: string) => void,
  running: () => boolean,
): (chunk: Buffer | string) => void;
