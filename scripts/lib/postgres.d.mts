export interface EmbeddedPostgres {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}
export function startEmbeddedPostgres(options?: {
  dataDir?: string;
  port?: number;
  persistent?: boolean;
  database?: string;
  user?: string;
  password?: string;
  log?: (message: string) => void;
}): Promise<EmbeddedPostgres>;
