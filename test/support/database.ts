import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@mentorflow/database';

/** A DataSource on the database global setup migrated; each test file opens its own. */
export async function openTestDataSource(): Promise<DataSource> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run through the integration or e2e Jest project');
  const dataSource = new DataSource(dataSourceOptions(url));
  return dataSource.initialize();
}
