import { assertNever, type CommandMetadata, decider, type DomainCommand, decideBy } from '../shared/decider';
import { type UnmetCondition } from '../shared/refusal';
import {
  organisationKinds,
  staffRoles,
  type OrganisationEvent,
  type OrganisationRegistered,
  type OrganisationIdentity,
  type OrganisationSettings,
  type StaffRole,
} from './organisation.events';
import { staffRoleLabels } from './organisation.labels';
import { refuse } from '../shared/rules';
import {
  assignRegionalSpecialist,
  evolveRegionalSpecialists,
  regionalSpecialistsOf,
  releaseRegionalSpecialist,
  type AssignRegionalSpecialist,
  type RegionalSpecialist,
  type ReleaseRegionalSpecialist,
} from './organisation.regional-service';
import { isUnsetOrBlank } from '../shared/text';

/** 002 §4.3: a mentor may have at most two mentees at once — the default an organisation may change. */
export const defaultMentorCapacity = 2;
/** A bound on the setting for group mentoring (002 §9.1.3: «от двух и более человек»): a large class. */
export const maxMentorCapacity = 30;

export type RegisterOrganisation = DomainCommand<
  'RegisterOrganisation',
  OrganisationIdentity & { readonly settings?: Partial<OrganisationSettings> }
>;

/** Ids only: the person's name is the staff directory's (issue 18), never part of the hashed event. */
export type AssignStaff = DomainCommand<'AssignStaff', { readonly personId: string; readonly role: StaffRole }>;

export type RemoveStaff = DomainCommand<'RemoveStaff', { readonly personId: string; readonly role: StaffRole }>;

/** The administrator, the director or the curator changes the organisation's settings. */
export type ChangeOrganisationSettings = DomainCommand<
  'ChangeOrganisationSettings',
  { readonly settings: OrganisationSettings }
>;

export type OrganisationCommand =
  | RegisterOrganisation
  | AssignStaff
  | RemoveStaff
  | ChangeOrganisationSettings
  | AssignRegionalSpecialist
  | ReleaseRegionalSpecialist;

export interface StaffMember {
  readonly personId: string;
  readonly role: StaffRole;
  readonly assignedAt: string;
}

/** What the registration recorded, less who did it, and the staff assigned since. */
export interface RegisteredOrganisation extends Omit<OrganisationRegistered['data'], 'registeredBy'> {
  readonly status: 'registered';
  /** One entry per (person, role): a person may hold several posts. */
  readonly staff: readonly StaffMember[];
  /** Tutors and methodologists of regional organisations serving this one (absent in states folded before them). */
  readonly regionalSpecialists?: readonly RegionalSpecialist[];
}

export type OrganisationState = { readonly status: 'notRegistered' } | RegisteredOrganisation;

export const initialOrganisationState = (): OrganisationState => ({ status: 'notRegistered' });

/** IANA names only: offsets like '+03:00' would lose daylight-saving and history rules. */
export const isKnownTimeZone = (timeZone: string): boolean => {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(timeZone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
};

const holdsRole = (state: RegisteredOrganisation, personId: string, role: StaffRole): boolean =>
  state.staff.some((member) => member.personId === personId && member.role === role);

const requireRegistered = (state: OrganisationState): RegisteredOrganisation =>
  state.status === 'registered'
    ? state
    : refuse('organisation.notRegistered', 'Организация не зарегистрирована в реестре');

const requireStaffManager = (state: RegisteredOrganisation, metadata: CommandMetadata): void => {
  // Membership, not the token's role claim, proves the actor directs *this* organisation.
  if (metadata.role === 'administrator' || holdsRole(state, metadata.actorId, 'director')) return;
  refuse(
    'organisation.forbidden',
    'Назначать и освобождать сотрудников может только администратор или руководитель организации',
  );
};

const requireStaffRole = (role: string): void => {
  if (!(staffRoles as readonly string[]).includes(role)) {
    refuse('organisation.staff.roleUnknown', `Неизвестная роль сотрудника: «${role}»`);
  }
};

const isMentorCapacity = (value: number): boolean =>
  Number.isInteger(value) && value >= 1 && value <= maxMentorCapacity;

const changeSettings = (
  { data, metadata }: ChangeOrganisationSettings,
  current: OrganisationState,
): OrganisationEvent[] => {
  const state = requireRegistered(current);
  // Membership, as for staff: the curator or director of *this* organisation.
  const member = holdsRole(state, metadata.actorId, 'director') || holdsRole(state, metadata.actorId, 'curator');
  if (metadata.role !== 'administrator' && !member) {
    return refuse(
      'organisation.forbidden',
      'Изменять настройки организации может администратор, руководитель организации или куратор',
    );
  }
  const mentorCapacity = data.settings?.mentorCapacity;
  if (typeof mentorCapacity !== 'number' || !isMentorCapacity(mentorCapacity)) {
    return refuse(
      'organisation.settings.mentorCapacityInvalid',
      `Число наставляемых у одного наставника должно быть от 1 до ${maxMentorCapacity}`,
    );
  }
  if (mentorCapacity === state.settings.mentorCapacity) return [];
  return [
    {
      type: 'OrganisationSettingsChanged',
      data: {
        organisationId: state.organisationId,
        settings: { mentorCapacity },
        changedAt: metadata.now,
        changedBy: metadata.actorId,
      },
    },
  ];
};

const register = (command: RegisterOrganisation, state: OrganisationState): OrganisationEvent[] => {
  const { data, metadata } = command;
  if (state.status === 'registered') {
    return refuse('organisation.alreadyRegistered', `Организация «${state.name}» уже зарегистрирована`);
  }
  if (metadata.role !== 'administrator' && metadata.role !== 'regionalCoordinator') {
    return refuse(
      'organisation.forbidden',
      'Регистрировать организации может только администратор или муниципальный/региональный координатор',
    );
  }
  const missing: UnmetCondition[] = [
    ...(isUnsetOrBlank(data.organisationId)
      ? [{ code: 'organisation.id.empty', message: 'Не указан идентификатор организации' }]
      : []),
    ...(isUnsetOrBlank(data.name)
      ? [{ code: 'organisation.name.empty', message: 'Не указано наименование организации' }]
      : []),
    ...(isUnsetOrBlank(data.municipality)
      ? [{ code: 'organisation.municipality.empty', message: 'Не указано муниципальное образование' }]
      : []),
    ...(isUnsetOrBlank(data.region)
      ? [{ code: 'organisation.region.empty', message: 'Не указан субъект Российской Федерации' }]
      : []),
  ];
  if (missing.length > 0) {
    return refuse('organisation.invalid', 'Не заполнены обязательные сведения об организации', missing);
  }
  if (!(organisationKinds as readonly string[]).includes(data.kind)) {
    return refuse('organisation.kind.unknown', `Неизвестный тип организации: «${data.kind}»`);
  }
  if (!isKnownTimeZone(data.timeZone)) {
    return refuse(
      'organisation.timeZone.unknown',
      `Неизвестный часовой пояс: «${data.timeZone}» (ожидается название IANA, например Europe/Moscow)`,
    );
  }
  const mentorCapacity = data.settings?.mentorCapacity ?? defaultMentorCapacity;
  if (!isMentorCapacity(mentorCapacity)) {
    return refuse(
      'organisation.settings.mentorCapacityInvalid',
      `Число наставляемых у одного наставника должно быть от 1 до ${maxMentorCapacity}`,
    );
  }
  return [
    {
      type: 'OrganisationRegistered',
      data: {
        organisationId: data.organisationId,
        name: data.name.trim(),
        kind: data.kind,
        municipality: data.municipality.trim(),
        region: data.region.trim(),
        timeZone: data.timeZone,
        settings: { mentorCapacity },
        registeredAt: metadata.now,
        registeredBy: metadata.actorId,
      },
    },
  ];
};

/** Assigning and removing staff are allowed alike: a registered organisation, a staff manager, a staff role. */
const staffChangeTarget = (
  { data, metadata }: AssignStaff | RemoveStaff,
  current: OrganisationState,
): RegisteredOrganisation => {
  const state = requireRegistered(current);
  requireStaffManager(state, metadata);
  requireStaffRole(data.role);
  return state;
};

const assignStaff = (command: AssignStaff, current: OrganisationState): OrganisationEvent[] => {
  const { data, metadata } = command;
  const state = staffChangeTarget(command, current);
  if (isUnsetOrBlank(data.personId)) {
    return refuse('organisation.staff.personIdEmpty', 'Не указан сотрудник');
  }
  if (holdsRole(state, data.personId, data.role)) {
    return refuse(
      'organisation.staff.alreadyAssigned',
      `Сотрудник уже назначен на роль «${staffRoleLabels[data.role]}»`,
    );
  }
  // One head at a time: the director's orders are what the programme's documents rest on.
  if (data.role === 'director' && state.staff.some((member) => member.role === 'director')) {
    return refuse(
      'organisation.staff.directorAlreadyAssigned',
      'В организации уже назначен руководитель; сначала освободите его от роли',
    );
  }
  return [
    {
      type: 'StaffAssigned',
      data: {
        organisationId: state.organisationId,
        personId: data.personId,
        role: data.role,
        assignedAt: metadata.now,
        assignedBy: metadata.actorId,
      },
    },
  ];
};

const removeStaff = (command: RemoveStaff, current: OrganisationState): OrganisationEvent[] => {
  const { data, metadata } = command;
  const state = staffChangeTarget(command, current);
  if (!holdsRole(state, data.personId, data.role)) {
    return refuse('organisation.staff.notAssigned', `Сотрудник не назначен на роль «${staffRoleLabels[data.role]}»`);
  }
  return [
    {
      type: 'StaffRemoved',
      data: {
        organisationId: state.organisationId,
        personId: data.personId,
        role: data.role,
        removedAt: metadata.now,
        removedBy: metadata.actorId,
      },
    },
  ];
};

export const decideOrganisation = decideBy<OrganisationCommand, OrganisationState, OrganisationEvent>({
  RegisterOrganisation: register,
  AssignStaff: assignStaff,
  RemoveStaff: removeStaff,
  ChangeOrganisationSettings: changeSettings,
  AssignRegionalSpecialist: (command, state) => assignRegionalSpecialist(command, requireRegistered(state)),
  ReleaseRegionalSpecialist: (command, state) => releaseRegionalSpecialist(command, requireRegistered(state)),
});

export const evolveOrganisation = (state: OrganisationState, event: OrganisationEvent): OrganisationState => {
  switch (event.type) {
    case 'OrganisationRegistered': {
      const { organisationId, name, kind, municipality, region, timeZone, settings, registeredAt } = event.data;
      return {
        status: 'registered',
        organisationId,
        name,
        kind,
        municipality,
        region,
        timeZone,
        settings,
        registeredAt,
        staff: [],
      };
    }
    case 'StaffAssigned': {
      if (state.status !== 'registered') return state;
      // An old event's typed fullName is not folded: names come from the staff directory (issue 18).
      const { personId, role, assignedAt } = event.data;
      const member: StaffMember = { personId, role, assignedAt };
      return { ...state, staff: [...state.staff, member] };
    }
    case 'StaffRemoved': {
      if (state.status !== 'registered') return state;
      const { personId, role } = event.data;
      return { ...state, staff: state.staff.filter((m) => !(m.personId === personId && m.role === role)) };
    }
    case 'OrganisationSettingsChanged':
      return state.status === 'registered' ? { ...state, settings: event.data.settings } : state;
    case 'RegionalSpecialistAssigned':
    case 'RegionalSpecialistReleased':
      return state.status === 'registered'
        ? { ...state, regionalSpecialists: evolveRegionalSpecialists(regionalSpecialistsOf(state), event) }
        : state;
    default:
      return assertNever(event);
  }
};

export const organisationDecider = decider(decideOrganisation, evolveOrganisation, initialOrganisationState);

/** Everyone holding a role, for the workflow to route tasks (e.g. the director who signs orders). */
export const staffWithRole = (state: OrganisationState, role: StaffRole): readonly StaffMember[] =>
  state.status === 'registered' ? state.staff.filter((member) => member.role === role) : [];
