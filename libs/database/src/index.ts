export * from './data-source-options';
export * from './database.module';
export * from './typeorm-logger';
export * from './schema-check';
