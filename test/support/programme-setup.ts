import { randomUUID } from 'node:crypto';
import type { PairOrder, Role } from '@mentorflow/domain';
import { addDays, addMonths, localDay } from './dates';
import { approveCandidates, lecturerMentor, selectParticipants } from './participants';
import { freshIds } from './ids';
import { addPerson } from './people';
import type { TestSystem } from './system';

/**
 * The setup the specs make through HTTP before what they test: an organisation, a programme with its
 * curator, selected participants and a formed pair. Each helper answers the API's response (or ids),
 * so a spec still asserts what it cares about itself.
 */

/** What the helpers call: TestSystem, or another client with the same request(). */
export type ApiClient = Pick<TestSystem, 'request'>;
type Response = Awaited<ReturnType<ApiClient['request']>>;

export interface OrganisationPlace {
  name: string;
  municipality: string;
  region: string;
  timeZone: string;
  /** Default: a school. */
  kind?: string;
}

/** The organisations several specs register, as they name them. */
export const places = {
  /** Where nothing but the organisation's existence matters. */
  plain: { name: 'Школа', municipality: 'М', region: 'Р', timeZone: 'Europe/Moscow' },
  /** The same, in a region a coordinator can be scoped to. */
  plainSamara: { name: 'Школа', municipality: 'М', region: 'Самарская область', timeZone: 'Europe/Moscow' },
  tolyatti: {
    name: 'МБОУ «Школа № 5»',
    municipality: 'г. Тольятти',
    region: 'Самарская область',
    timeZone: 'Europe/Samara',
  },
  samara: {
    name: 'МБОУ «Школа № 9»',
    municipality: 'г. Самара',
    region: 'Самарская область',
    timeZone: 'Europe/Samara',
  },
  vladivostok: {
    name: 'МБОУ «Лицей № 2»',
    municipality: 'г. Владивосток',
    region: 'Приморский край',
    timeZone: 'Asia/Vladivostok',
  },
  kazanCollege: {
    name: 'ГАПОУ «Колледж связи»',
    kind: 'college',
    municipality: 'г. Казань',
    region: 'Республика Татарстан',
    timeZone: 'Europe/Moscow',
  },
} satisfies Record<string, OrganisationPlace>;

/** The body of POST /organisations. */
export const organisationBody = ({ name, kind = 'school', municipality, region, timeZone }: OrganisationPlace) => ({
  name,
  kind,
  municipality,
  region,
  timeZone,
});

/** POST /organisations. */
export const registerOrganisation = (api: ApiClient, token: string, place: OrganisationPlace) =>
  api.request('POST', '/organisations', token, organisationBody(place));

/**
 * A person's subject and role; under a key that names a role, the subject alone: `{ tutor }` stands for
 * `tutor: [tutor, 'tutor']`.
 */
export type StaffMember<Key extends string> = readonly [sub: string, role: Role] | (Key extends Role ? string : never);

/**
 * An organisation the administrator `admin` registers at `place`, and a token for each of `people`, granted
 * the role named beside them there (an administrator's grant is unscoped): its id and the tokens by the same
 * keys (it throws unless the organisation is registered).
 */
export async function organisationWith<K extends string>(
  system: TestSystem,
  place: OrganisationPlace,
  people: { readonly [P in K]: StaffMember<P> },
  admin = randomUUID(),
): Promise<{ organisationId: string; as: Record<K, string> }> {
  const registered = await registerOrganisation(system, system.token(admin, ['administrator']), place);
  if (registered.status !== 201) throw new Error(`organisation not registered: ${JSON.stringify(registered.body)}`);
  const organisationId = registered.body.organisationId as string;
  const entries = Object.entries(people) as [K, StaffMember<K>][];
  const as = Object.fromEntries(
    entries.map(([key, member]) => {
      const [sub, role] = typeof member === 'string' ? [member, key as Role] : member;
      return [key, system.token(sub, [role], [organisationId])];
    }),
  );
  return { organisationId, as: as as Record<K, string> };
}

/** POST /organisations/:id/programmes. */
export const createProgramme = (api: ApiClient, organisationId: string, director: string, title = 'Программа') =>
  api.request('POST', `/organisations/${organisationId}/programmes`, director, { title });

/** A programme the director starts, with `curatorId` appointed its curator: its id and both responses. */
export async function startProgramme(
  api: ApiClient,
  organisationId: string,
  director: string,
  curatorId: string,
  title = 'Программа',
) {
  const started = await createProgramme(api, organisationId, director, title);
  const programmeId = started.body.state.programmeId as string;
  const appointed = await api.request('POST', `/programmes/${programmeId}/curator`, director, { curatorId });
  return { programmeId, started, appointed };
}

/**
 * A school at `place` whose new director starts a programme with a new curator appointed: the ids of the
 * organisation, the programme and the curator (`curatorId`), and the director's and the curator's tokens under
 * the names namedPairListed() takes them by.
 */
export async function programmeWithCurator(system: TestSystem, place: OrganisationPlace) {
  const curatorId = randomUUID();
  const { organisationId, as } = await organisationWith(system, place, { director: randomUUID(), curator: curatorId });
  const { programmeId } = await startProgramme(system, organisationId, as.director, curatorId);
  return { organisationId, programmeId, curatorId, director: as.director, curator: as.curator };
}

/** POST /programmes/:id/participants: a teacher ('Учитель') of 10 years, 5 in the subject, unless `details` say otherwise. */
export const selectParticipant = (
  api: ApiClient,
  programmeId: string,
  curator: string,
  personId: string,
  role: 'mentor' | 'mentee',
  details: Record<string, unknown> = {},
) =>
  api.request('POST', `/programmes/${programmeId}/participants`, curator, {
    personId,
    role,
    position: 'Учитель',
    teachingExperienceYears: 10,
    subjectExperienceYears: 5,
    ...details,
  });

/** Waits until the programme's participants (a read model) number `count`. */
export const participantsListed = (system: TestSystem, programmeId: string, curator: string, count: number) =>
  system.eventually(
    () => system.request('GET', `/programmes/${programmeId}/participants`, curator),
    (r) => r.body?.length === count,
  );

/**
 * The body of POST /programmes/:id/pairs: one mentor and one mentee, teacher–teacher and traditional, both
 * consenting (the mentor on `mentorConsent`, by default 2026-08-28; the mentee on `menteeConsent`, by default
 * the day after the mentor), order 15-к, for `term` (by default 2026/27).
 */
export const pairFormation = (
  mentorId: string,
  menteeId: string,
  {
    order = {},
    mentorConsent = '2026-08-28',
    menteeConsent = '2026-08-29',
    term = { start: '2026-09-01', end: '2027-08-31' },
  }: {
    order?: Partial<PairOrder>;
    mentorConsent?: string;
    menteeConsent?: string;
    term?: { start: string; end: string };
  } = {},
) => ({
  form: 'teacherTeacher' as const,
  kind: 'traditional' as const,
  mentorId,
  menteeIds: [menteeId],
  consents: [
    { personId: mentorId, date: mentorConsent },
    { personId: menteeId, date: menteeConsent },
  ],
  order: { number: '15-к', date: '2026-09-01', signedBy: 'Директор', ...order },
  term,
});

/** POST /programmes/:id/pairs with pairFormation(). */
export const formPair = (
  api: ApiClient,
  programmeId: string,
  director: string,
  mentorId: string,
  menteeId: string,
  options?: Parameters<typeof pairFormation>[2],
) => api.request('POST', `/programmes/${programmeId}/pairs`, director, pairFormation(mentorId, menteeId, options));

/**
 * What a personal programme plans, from `start` to `end`: methodical support against a discipline difficulty,
 * with the mentee's open lesson on `lessonDate`. The body of an approval (with a controller) or a correction.
 */
export const personalProgrammePlan = (start: string, end: string, lessonDate: string) => ({
  start,
  end,
  directions: ['Методическая поддержка'],
  activities: [{ title: 'Открытый урок наставляемого', plannedDate: lessonDate }],
  difficulties: ['Организация дисциплины'],
});

/**
 * POST /pairs/:id/personal-programme by the curator: 2026/27, one direction, activity and difficulty, the
 * curator (`curatorId`) controls.
 */
export const approvePersonalProgramme = (api: ApiClient, pairId: string, curator: string, curatorId: string) =>
  api.request('POST', `/pairs/${pairId}/personal-programme`, curator, {
    start: '2026-09-01',
    end: '2027-05-31',
    directions: ['Методическая поддержка'],
    activities: [{ title: 'Посещение занятий наставника', plannedDate: '2026-10-15' }],
    difficulties: ['Организация дисциплины'],
    controller: { personId: curatorId, role: 'curator' },
  });

/** POST /pairs/:id/interim-control by the curator: the interim control task of the approved pair's `state` passed. */
export const passInterimControl = (
  api: ApiClient,
  pairId: string,
  curator: string,
  state: { tasks: Record<string, { taskId: string; kind: string }> },
) =>
  api.request('POST', `/pairs/${pairId}/interim-control`, curator, {
    taskId: Object.values(state.tasks).find((t) => t.kind === 'interimControl')?.taskId,
    outcome: 'passed',
    comment: 'План выполняется',
  });

/** The body of POST /pairs/:id/replace-mentor: dismissal by order 20-к, the new mentor consenting the same day. */
export const mentorReplacement = (newMentorId: string, menteeIds: readonly string[]) => ({
  reason: 'dismissal',
  order: { number: '20-к', date: '2026-10-01', signedBy: 'Директор' },
  newMentorId,
  newMentorConsent: { personId: newMentorId, date: '2026-10-01' },
  menteeConsents: menteeIds.map((personId) => ({ personId, date: '2026-10-01' })),
});

/** A mentor and a mentee (a new specialist) selected one after the other, selectParticipant()'s defaults: both responses. */
export async function selectMentorAndMentee(
  api: ApiClient,
  programmeId: string,
  curator: string,
  mentorId: string,
  menteeId: string,
) {
  const mentor = await selectParticipant(api, programmeId, curator, mentorId, 'mentor');
  const mentee = await selectParticipant(api, programmeId, curator, menteeId, 'mentee', {
    menteeCategory: 'newSpecialist',
  });
  return [mentor, mentee];
}

/** The body of POST /programmes/:id/documents: a document of `kind` numbered `<kind>-1`, signed by the director. */
export const programmeDocument = (kind: string) => ({
  documentId: randomUUID(),
  kind,
  number: `${kind}-1`,
  date: '2026-09-01',
  signedBy: 'Директор',
});

/** A problem of the preliminary analysis (POST /programmes/:id/problems), found among complaints. */
export const problemBody = (description = 'Молодые специалисты не справляются с дисциплиной на уроках') => ({
  problemId: randomUUID(),
  description,
  source: 'complaints',
});

/**
 * The preliminary analysis of problems the preparatory stage asks for (issue 28): the curator records one
 * problem, the director (or an administrator) approves the analysis. Answers the approval's response.
 */
export async function approvedProblemAnalysis(api: ApiClient, programmeId: string, curator: string, director: string) {
  const recorded = await api.request('POST', `/programmes/${programmeId}/problems`, curator, problemBody());
  if (recorded.status !== 200) throw new Error(`problem not recorded: ${JSON.stringify(recorded.body)}`);
  return api.request('POST', `/programmes/${programmeId}/problem-analysis/approval`, director, {});
}

/**
 * The preparatory stage's documents and candidates: the implementation act and the regulation order recorded,
 * `mentorId` proposed as a mentor and `menteeId` as a mentee (burnout), both approved by the commission (the
 * gate counts only those, 002 §4.4). Answers the responses.
 */
export async function preparatoryDocumentsAndCandidates(
  system: TestSystem,
  programmeId: string,
  curator: string,
  { mentorId, menteeId }: { mentorId: string; menteeId: string } = { mentorId: randomUUID(), menteeId: randomUUID() },
) {
  const recorded: Response[] = [];
  for (const kind of ['implementationAct', 'regulationApprovalOrder']) {
    recorded.push(
      await system.request('POST', `/programmes/${programmeId}/documents`, curator, programmeDocument(kind)),
    );
  }
  const selected = [
    await selectParticipant(system, programmeId, curator, mentorId, 'mentor'),
    await selectParticipant(system, programmeId, curator, menteeId, 'mentee', { menteeCategory: 'burnout' }),
  ];
  await approveCandidates(
    system,
    programmeId,
    curator,
    selected.map((response) => response.body.participantId as string),
  );
  return { recorded, selected };
}

/**
 * What the preparatory stage asks for: its documents and approved candidates
 * (preparatoryDocumentsAndCandidates) and an approved analysis of problems (`director` approves it).
 * Waits until the checklist the curator sees is empty; answers the responses.
 */
export async function fulfilPreparatoryStage(
  system: TestSystem,
  programmeId: string,
  curator: string,
  director: string,
) {
  await approvedProblemAnalysis(system, programmeId, curator, director);
  const responses = await preparatoryDocumentsAndCandidates(system, programmeId, curator);
  await system.eventually(
    () => system.request('GET', `/programmes/${programmeId}`, curator),
    (r) => r.body.nextStageChecklist?.length === 0,
  );
  return responses;
}

/**
 * A mentor (a lecturer) and a mentee selected in the programme and formed into a pair by the director, for a
 * year from `startedDaysAgo` days ago in `timeZone` (by default ten), on consents of two days before that and
 * an order (`orderNumber`, by default 17-к) of the day before: the formation's response (201, or it throws).
 */
export async function formedPairIn(
  system: TestSystem,
  programmeId: string,
  {
    director,
    curator,
    mentorId,
    menteeId,
    timeZone,
    startedDaysAgo = 10,
    orderNumber = '17-к',
  }: {
    director: string;
    curator: string;
    mentorId: string;
    menteeId: string;
    timeZone: string;
    startedDaysAgo?: number;
    orderNumber?: string;
  },
) {
  await selectParticipants(system, programmeId, curator, [
    lecturerMentor(mentorId),
    { personId: menteeId, role: 'mentee' },
  ]);
  const start = localDay(timeZone, -startedDaysAgo);
  const formed = await formPair(system, programmeId, director, mentorId, menteeId, {
    mentorConsent: localDay(timeZone, -startedDaysAgo - 2),
    menteeConsent: localDay(timeZone, -startedDaysAgo - 2),
    order: { number: orderNumber, date: localDay(timeZone, -startedDaysAgo - 1) },
    term: { start, end: addMonths(start, 12) },
  });
  if (formed.status !== 201) throw new Error(`Pair not formed: ${JSON.stringify(formed.body)}`);
  return formed;
}

/**
 * formedPairIn()'s pair (started ten days ago), active with the curator's approved personal programme (the
 * curator controls): the formation's response.
 */
export async function activePairIn(
  system: TestSystem,
  programmeId: string,
  options: Parameters<typeof formedPairIn>[2] & { curatorId: string },
) {
  const formed = await formedPairIn(system, programmeId, options);
  const { curator, curatorId, timeZone } = options;
  const start = localDay(timeZone, -10);
  const approved = await system.request('POST', `/pairs/${formed.body.state.pairId}/personal-programme`, curator, {
    ...personalProgrammePlan(start, addDays(addMonths(start, 6), -1), addMonths(start, 3)),
    controller: { personId: curatorId, role: 'curator' },
  });
  if (approved.status !== 200) throw new Error(`Personal programme not approved: ${JSON.stringify(approved.body)}`);
  return formed;
}

/**
 * A programme the organisation's director starts with `curator` appointed, and formedPairIn()'s pair of `mentor`
 * and `mentee` formed in it (`organisation` as organisationWith() answers it, with the director's and the
 * curator's tokens): the ids of the programme and the pair.
 */
export async function pairInNewProgramme(
  system: TestSystem,
  organisation: { organisationId: string; as: Record<'director' | 'curator', string> },
  {
    curator,
    mentor,
    mentee,
    ...formation
  }: { curator: string; mentor: string; mentee: string } & Pick<
    Parameters<typeof formedPairIn>[2],
    'timeZone' | 'startedDaysAgo' | 'orderNumber'
  >,
) {
  const { director, curator: curatorToken } = organisation.as;
  const { programmeId } = await startProgramme(system, organisation.organisationId, director, curator);
  const formed = await formedPairIn(system, programmeId, {
    director,
    curator: curatorToken,
    mentorId: mentor,
    menteeId: mentee,
    ...formation,
  });
  return { programmeId, pairId: formed.body.state.pairId as string };
}

/**
 * Иванова (mentor) and Петров Илья Сергеевич (mentee) added to the staff, selected, formed into a pair with
 * pairFormation()'s defaults and listed by the pairs read model: the journeys that read documents by name.
 */
export async function namedPairListed(
  system: TestSystem,
  {
    organisationId,
    programmeId,
    director,
    curator,
  }: Record<'organisationId' | 'programmeId' | 'director' | 'curator', string>,
): Promise<void> {
  const mentor = await addPerson(system, organisationId, curator, 'Иванова');
  const mentee = await addPerson(system, organisationId, curator, 'Петров', {
    firstName: 'Илья',
    patronymic: 'Сергеевич',
  });
  await selectParticipants(system, programmeId, curator, [
    { personId: mentor, role: 'mentor' },
    { personId: mentee, role: 'mentee' },
  ]);
  const formed = await formPair(system, programmeId, director, mentor, mentee);
  if (formed.status !== 201) throw new Error(`Pair not formed: ${JSON.stringify(formed.body)}`);
  await system.eventually(
    () => system.request('GET', `/pairs?programmeId=${programmeId}`, curator),
    (r) => r.body?.length === 1,
  );
}

/**
 * The pair journeys' set-up (issue 26): a Kazan college with a director and a curator; a commission head
 * Смирнова Ольга Викторовна, a mentor Иванова Мария Петровна and a mentee Петров Илья Сергеевич in its
 * directory; a programme started and formedPairIn()'s pair formed by order. The people's ids and tokens.
 */
export async function namedPairInCollege(
  system: TestSystem,
  formation: Pick<Parameters<typeof formedPairIn>[2], 'startedDaysAgo' | 'orderNumber'> = {},
) {
  const place = places.kazanCollege;
  const [admin, director, curator] = freshIds(3);
  const setup = await organisationWith(system, place, { director, curator }, admin);
  const { organisationId } = setup;
  const person = (surname: string, firstName: string, patronymic: string) =>
    addPerson(system, organisationId, setup.as.curator, surname, { firstName, patronymic });
  const head = await person('Смирнова', 'Ольга', 'Викторовна');
  const mentor = await person('Иванова', 'Мария', 'Петровна');
  const mentee = await person('Петров', 'Илья', 'Сергеевич');
  const as = {
    ...setup.as,
    head: system.token(head, ['commissionHead'], [organisationId]),
    mentor: system.token(mentor, ['mentor'], [organisationId]),
    mentee: system.token(mentee, ['mentee'], [organisationId]),
  };
  const { programmeId, pairId } = await pairInNewProgramme(system, setup, {
    curator,
    mentor,
    mentee,
    timeZone: place.timeZone,
    ...formation,
  });
  return { organisationId, programmeId, pairId, head, mentor, mentee, as };
}
