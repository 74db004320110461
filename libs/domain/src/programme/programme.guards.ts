import type { CommandMetadata } from '../shared/decider';
import { refuse } from '../shared/rules';
import type { ProgrammeStage } from './programme.events';
import type { ProgrammeState, StartedProgramme } from './programme.state';

export const requireStarted = (state: ProgrammeState): StartedProgramme =>
  state.status === 'started' ? state : refuse('programme.notStarted', 'Программа наставничества не начата');

export const requireOpen = (state: ProgrammeState): StartedProgramme & { readonly stage: ProgrammeStage } => {
  const started = requireStarted(state);
  const { stage } = started;
  return stage === 'closed'
    ? refuse('programme.closed', 'Программа наставничества завершена; изменения не принимаются')
    : { ...started, stage };
};

const isCuratorOf = (state: StartedProgramme, metadata: CommandMetadata): boolean =>
  state.curatorId !== undefined && metadata.actorId === state.curatorId;

export const requireCuratorOrAdministrator = (state: StartedProgramme, metadata: CommandMetadata): void => {
  if (metadata.role === 'administrator' || isCuratorOf(state, metadata)) return;
  refuse('programme.forbidden', 'Действие доступно только куратору этой программы или администратору');
};
