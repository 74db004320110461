import type { CommandMetadata } from '../shared/decider';
import { deciderSpec } from '../shared/testing';
import { organisationDecider, isKnownTimeZone, staffWithRole, type RegisterOrganisation } from './organisation.decider';
import type { OrganisationEvent, OrganisationKind, StaffRole } from './organisation.events';
import { russianTimeZones } from './organisation.labels';

const spec = deciderSpec(organisationDecider);
const now = '2026-03-02T06:00:00.000Z';
const admin: CommandMetadata = { actorId: 'admin-1', role: 'administrator', now };
const coordinator: CommandMetadata = { actorId: 'coordinator-1', role: 'regionalCoordinator', now };
const director: CommandMetadata = { actorId: 'director-1', role: 'director', now };
const otherDirector: CommandMetadata = { actorId: 'director-9', role: 'director', now };
const curator: CommandMetadata = { actorId: 'curator-1', role: 'curator', now };

const registration: RegisterOrganisation['data'] = {
  organisationId: 'org-1',
  name: 'МБОУ «Средняя общеобразовательная школа № 5»',
  kind: 'school',
  municipality: 'Городской округ Тольятти',
  region: 'Самарская область',
  timeZone: 'Europe/Samara',
};

const registered: OrganisationEvent = {
  type: 'OrganisationRegistered',
  data: { ...registration, settings: { mentorCapacity: 2 }, registeredAt: now, registeredBy: 'admin-1' },
};

const assigned = (personId: string, role: StaffRole, fullName?: string, by = 'admin-1'): OrganisationEvent => ({
  type: 'StaffAssigned',
  data: {
    organisationId: 'org-1',
    personId,
    ...(fullName === undefined ? {} : { fullName }),
    role,
    assignedAt: now,
    assignedBy: by,
  },
});

describe('organisation registry', () => {
  describe('RegisterOrganisation', () => {
    it('registers with the default mentor capacity of two', () =>
      spec.given([]).when({ type: 'RegisterOrganisation', data: registration, metadata: admin }).then([registered]));

    it('lets a regional coordinator register and keeps a lower capacity', () =>
      spec
        .given([])
        .when({
          type: 'RegisterOrganisation',
          data: { ...registration, settings: { mentorCapacity: 1 } },
          metadata: coordinator,
        })
        .then([
          {
            type: 'OrganisationRegistered',
            data: {
              ...registration,
              settings: { mentorCapacity: 1 },
              registeredAt: now,
              registeredBy: 'coordinator-1',
            },
          },
        ]));

    it('refuses a second registration', () =>
      spec
        .given([registered])
        .when({ type: 'RegisterOrganisation', data: registration, metadata: admin })
        .thenRefuses('organisation.alreadyRegistered'));

    it('refuses anyone but an administrator or a regional coordinator', () =>
      spec
        .given([])
        .when({ type: 'RegisterOrganisation', data: registration, metadata: director })
        .thenRefuses('organisation.forbidden'));

    it('lists every blank required field', () =>
      spec
        .given([])
        .when({ type: 'RegisterOrganisation', data: { ...registration, name: ' ', region: '' }, metadata: admin })
        .thenRefuses('organisation.invalid', ['organisation.name.empty', 'organisation.region.empty']));

    it('refuses an unknown kind', () =>
      spec
        .given([])
        .when({
          type: 'RegisterOrganisation',
          data: { ...registration, kind: 'university' as OrganisationKind },
          metadata: admin,
        })
        .thenRefuses('organisation.kind.unknown'));

    it.each(['Mars/Olympus', '+03:00', 'MSK+1', ''])('refuses the unknown time zone %p', (timeZone) =>
      spec
        .given([])
        .when({ type: 'RegisterOrganisation', data: { ...registration, timeZone }, metadata: admin })
        .thenRefuses('organisation.timeZone.unknown'),
    );

    it.each(russianTimeZones.map(([zone, city]) => [city, zone]))(
      'registers a school of %p: the zone the web form offers for the city (%p) is one the decider knows',
      (_city, timeZone) =>
        spec
          .given([])
          .when({ type: 'RegisterOrganisation', data: { ...registration, timeZone }, metadata: admin })
          .then([{ ...registered, data: { ...registered.data, timeZone } }] as OrganisationEvent[]),
    );

    it.each([0, 31, 1.5])('refuses a mentor capacity of %p (a whole number from 1 to 30)', (mentorCapacity) =>
      spec
        .given([])
        .when({
          type: 'RegisterOrganisation',
          data: { ...registration, settings: { mentorCapacity } },
          metadata: admin,
        })
        .thenRefuses('organisation.settings.mentorCapacityInvalid'),
    );
  });

  describe('AssignStaff', () => {
    it('lets the administrator assign the director: the event holds ids, never a name (issue 18)', () =>
      spec
        .given([registered])
        .when({ type: 'AssignStaff', data: { personId: 'director-1', role: 'director' }, metadata: admin })
        .then([assigned('director-1', 'director')]));

    it('lets the director assign a curator', () =>
      spec
        .given([registered, assigned('director-1', 'director')])
        .when({ type: 'AssignStaff', data: { personId: 'curator-1', role: 'curator' }, metadata: director })
        .then([assigned('curator-1', 'curator', undefined, 'director-1')]));

    it('lets one person hold a second role', () =>
      spec
        .given([registered, assigned('person-1', 'methodologist')])
        .when({ type: 'AssignStaff', data: { personId: 'person-1', role: 'tutor' }, metadata: admin })
        .then([assigned('person-1', 'tutor')]));

    it('refuses before registration', () =>
      spec
        .given([])
        .when({ type: 'AssignStaff', data: { personId: 'curator-1', role: 'curator' }, metadata: admin })
        .thenRefuses('organisation.notRegistered'));

    it("refuses a director of another organisation: the token's role is not membership", () =>
      spec
        .given([registered, assigned('director-1', 'director')])
        .when({ type: 'AssignStaff', data: { personId: 'curator-1', role: 'curator' }, metadata: otherDirector })
        .thenRefuses('organisation.forbidden'));

    it('refuses a curator', () =>
      spec
        .given([registered, assigned('curator-1', 'curator')])
        .when({ type: 'AssignStaff', data: { personId: 'tutor-1', role: 'tutor' }, metadata: curator })
        .thenRefuses('organisation.forbidden'));

    it('refuses an unknown role', () =>
      spec
        .given([registered])
        .when({ type: 'AssignStaff', data: { personId: 'x', role: 'mentor' as StaffRole }, metadata: admin })
        .thenRefuses('organisation.staff.roleUnknown'));

    it('refuses a blank person', () =>
      spec
        .given([registered])
        .when({ type: 'AssignStaff', data: { personId: ' ', role: 'tutor' }, metadata: admin })
        .thenRefuses('organisation.staff.personIdEmpty'));

    it('refuses the same role twice', () =>
      spec
        .given([registered, assigned('curator-1', 'curator')])
        .when({ type: 'AssignStaff', data: { personId: 'curator-1', role: 'curator' }, metadata: admin })
        .thenRefuses('organisation.staff.alreadyAssigned'));

    it('refuses a second director', () =>
      spec
        .given([registered, assigned('director-1', 'director')])
        .when({ type: 'AssignStaff', data: { personId: 'director-2', role: 'director' }, metadata: admin })
        .thenRefuses('organisation.staff.directorAlreadyAssigned'));
  });

  describe('RemoveStaff', () => {
    it('lets the director remove a curator', () =>
      spec
        .given([registered, assigned('director-1', 'director'), assigned('curator-1', 'curator')])
        .when({ type: 'RemoveStaff', data: { personId: 'curator-1', role: 'curator' }, metadata: director })
        .then([
          {
            type: 'StaffRemoved',
            data: {
              organisationId: 'org-1',
              personId: 'curator-1',
              role: 'curator',
              removedAt: now,
              removedBy: 'director-1',
            },
          },
        ]));

    it('refuses a role the person does not hold', () =>
      spec
        .given([registered, assigned('curator-1', 'curator')])
        .when({ type: 'RemoveStaff', data: { personId: 'curator-1', role: 'tutor' }, metadata: admin })
        .thenRefuses('organisation.staff.notAssigned'));

    it('refuses before registration', () =>
      spec
        .given([])
        .when({ type: 'RemoveStaff', data: { personId: 'curator-1', role: 'curator' }, metadata: admin })
        .thenRefuses('organisation.notRegistered'));

    it('refuses a curator', () =>
      spec
        .given([registered, assigned('curator-1', 'curator')])
        .when({ type: 'RemoveStaff', data: { personId: 'curator-1', role: 'curator' }, metadata: curator })
        .thenRefuses('organisation.forbidden'));

    it('refuses an unknown role', () =>
      spec
        .given([registered])
        .when({ type: 'RemoveStaff', data: { personId: 'x', role: 'mentee' as StaffRole }, metadata: admin })
        .thenRefuses('organisation.staff.roleUnknown'));
  });

  describe('ChangeOrganisationSettings (the mentor capacity, defect 4)', () => {
    const change = (mentorCapacity: number, metadata: CommandMetadata) =>
      ({ type: 'ChangeOrganisationSettings', data: { settings: { mentorCapacity } }, metadata }) as const;
    const changed = (mentorCapacity: number, by: string): OrganisationEvent => ({
      type: 'OrganisationSettingsChanged',
      data: { organisationId: 'org-1', settings: { mentorCapacity }, changedAt: now, changedBy: by },
    });

    it('lets the curator of the organisation allow a group of three (002 §9.1.3)', () =>
      spec
        .given([registered, assigned('curator-1', 'curator')])
        .when(change(3, curator))
        .then([changed(3, 'curator-1')]));

    it('lets the director and the administrator change it too', () => {
      spec
        .given([registered, assigned('director-1', 'director')])
        .when(change(1, director))
        .then([changed(1, 'director-1')]);
      spec
        .given([registered])
        .when(change(4, admin))
        .then([changed(4, 'admin-1')]);
    });

    it('records nothing when the capacity is unchanged', () =>
      spec.given([registered]).when(change(2, admin)).then([]));

    it('refuses a curator of another organisation and a coordinator', () => {
      spec.given([registered]).when(change(3, curator)).thenRefuses('organisation.forbidden');
      spec.given([registered]).when(change(3, coordinator)).thenRefuses('organisation.forbidden');
    });

    it.each([0, 31, 2.5])('refuses a capacity of %p', (mentorCapacity) =>
      spec
        .given([registered])
        .when(change(mentorCapacity, admin))
        .thenRefuses('organisation.settings.mentorCapacityInvalid'),
    );

    it('refuses before registration', () =>
      spec.given([]).when(change(3, admin)).thenRefuses('organisation.notRegistered'));

    it('evolves to the new settings; registrations without a change keep theirs', () => {
      const state = [registered, changed(3, 'admin-1')].reduce(
        organisationDecider.evolve,
        organisationDecider.initialState(),
      );
      expect(state).toMatchObject({ settings: { mentorCapacity: 3 } });
    });
  });

  describe('evolve', () => {
    it('keeps the staff per person and role, and a new director can follow a removed one', () => {
      const history: OrganisationEvent[] = [
        registered,
        assigned('director-1', 'director'),
        assigned('person-1', 'methodologist'),
        assigned('person-1', 'tutor'),
        {
          type: 'StaffRemoved',
          data: {
            organisationId: 'org-1',
            personId: 'person-1',
            role: 'methodologist',
            removedAt: now,
            removedBy: 'admin-1',
          },
        },
        {
          type: 'StaffRemoved',
          data: {
            organisationId: 'org-1',
            personId: 'director-1',
            role: 'director',
            removedAt: now,
            removedBy: 'admin-1',
          },
        },
      ];
      const state = history.reduce(organisationDecider.evolve, organisationDecider.initialState());
      expect(staffWithRole(state, 'tutor').map((m) => m.personId)).toEqual(['person-1']);
      expect(staffWithRole(state, 'methodologist')).toEqual([]);
      expect(state).toMatchObject({ status: 'registered', timeZone: 'Europe/Samara', settings: { mentorCapacity: 2 } });
      spec
        .given(history)
        .when({ type: 'AssignStaff', data: { personId: 'director-2', role: 'director' }, metadata: admin })
        .then([assigned('director-2', 'director')]);
    });

    it('reads an old StaffAssigned with a typed fullName but folds no name from it (issue 18)', () => {
      const state = [registered, assigned('director-1', 'director', 'Петров Иван Сергеевич')].reduce(
        organisationDecider.evolve,
        organisationDecider.initialState(),
      );
      expect(staffWithRole(state, 'director')).toEqual([{ personId: 'director-1', role: 'director', assignedAt: now }]);
      expect(JSON.stringify(state)).not.toContain('Петров');
    });

    it('ignores staff events before registration', () => {
      const state = organisationDecider.evolve(organisationDecider.initialState(), assigned('x', 'tutor'));
      expect(state).toEqual({ status: 'notRegistered' });
      expect(staffWithRole(state, 'tutor')).toEqual([]);
    });
  });

  it('recognises IANA zones across Russia (UTC+2 … UTC+12)', () => {
    expect(
      ['Europe/Kaliningrad', 'Europe/Moscow', 'Asia/Yekaterinburg', 'Asia/Vladivostok', 'Asia/Kamchatka', 'UTC'].every(
        isKnownTimeZone,
      ),
    ).toBe(true);
  });
});
