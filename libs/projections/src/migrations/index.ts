import { CreateReadModels1763856100000 } from './1763856100000-create-read-models';
import { CreateTasksView1763860000000 } from './1763860000000-create-tasks-view';
import { CreateParticipantsView1763863000000 } from './1763863000000-create-participants-view';

export const readModelMigrations = [CreateReadModels1763856100000, CreateTasksView1763860000000, CreateParticipantsView1763863000000];
