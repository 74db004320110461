import { CreateReadModels1763856100000 } from './1763856100000-create-read-models';

export const readModelMigrations = [CreateReadModels1763856100000];
