import { defaultProductionCalendar, endOfLocalDay, localDateOf } from '@mentorflow/calendar';
import {
  competenceAreas,
  defaultMentorCapacity,
  formatRouteCode,
  mentorLoadDecider,
  mentorLoadStream,
  monitoringDecider,
  monitoringIndicatorDefinitions,
  monitoringIndicators,
  organisationDecider,
  pairDecider,
  programmeDecider,
  routeDecider,
  type CommandMetadata,
  type CompetenceArea,
  type Decider,
  type DomainCommand,
  type DomainEvent,
  type MonitoringIndicator,
  type PairForm,
  type PairKind,
  type Role,
  type RouteRoadMapRow,
  monitoringStream,
  organisationStream,
  pairStream,
  pairWorkflowId,
  programmeStream,
  routeStream,
} from '@mentorflow/domain';

/**
 * A region of organisations with a year of history, built command by command through the domain
 * deciders: every stream is one the system itself would have accepted. Alongside the streams it keeps
 * a plain ledger of what it did and when, from which the expected report figures are computed without
 * the projections (see expected-figures.ts).
 */
export interface RegionOptions {
  readonly municipalities: number;
  readonly organisations: number;
  readonly pairs: number;
  readonly routes: number;
  readonly seed: number;
  readonly region?: string;
  /** The subject's code in route codes RR-OOOO-YYYY-NNNNNN (default 63). */
  readonly regionCode?: number;
  /** The first organisation number OOOO to use in the route registry (default 1): pass the next free one. */
  readonly firstOrganisationCode?: number;
  /** The end of the generated year (default: now); every event lies before it. */
  readonly now?: number;
}

export interface GeneratedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
  /** The instant the domain stamped into the event (its command's time). */
  readonly at: number;
}

export interface GeneratedStream {
  readonly streamId: string;
  readonly organisationId: string;
  readonly events: GeneratedEvent[];
}

/** What the generator did, in plain dated facts: the independent source of expected figures. */
export interface LedgerOrganisation {
  readonly organisationId: string;
  readonly name: string;
  readonly municipality: string;
  readonly timeZone: string;
  readonly registeredAt: number;
  readonly curatorSince?: number;
  readonly documents: Partial<
    Record<'implementationAct' | 'regulationApprovalOrder' | 'mentorContractSupplement', number>
  >;
  readonly pairs: { form: PairForm; formedAt: number; approvedAt?: number; terminatedAt?: number }[];
  /** When each draft's 10-working-day outcome became known, and what it was. */
  readonly drafts: { decidedAt: number; onTime: boolean }[];
}

export interface GeneratedRegion {
  readonly region: string;
  readonly municipalities: readonly string[];
  readonly streams: GeneratedStream[];
  readonly ledger: LedgerOrganisation[];
  readonly from: number;
  readonly now: number;
  /** The route-registry entries the generated codes use: register them so codes allocated later follow on. */
  readonly routeRegistry: {
    organisationId: string;
    regionCode: number;
    organisationCode: number;
    lastSequenceByYear: Record<number, number>;
  }[];
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** mulberry32: small, fast and the same on every machine for a given seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const municipalityNames = [
  'г. Самара',
  'г. Тольятти',
  'г. Сызрань',
  'г. Новокуйбышевск',
  'г. Чапаевск',
  'Кинельский район',
  'Ставропольский район',
  'Волжский район',
  'Красноярский район',
  'Сергиевский район',
];
const timeZones = ['Europe/Samara', 'Europe/Moscow', 'Asia/Yekaterinburg'];
const formWeights: [PairForm, number][] = [
  ['teacherTeacher', 58],
  ['pupilPupil', 17],
  ['headTeacher', 8],
  ['employerStudent', 7],
  ['universityTeacherYoungTeacher', 6],
  ['studentPupil', 2],
  ['employerPupil', 2],
];
const kindWeights: [PairKind, number][] = [
  ['traditional', 60],
  ['group', 15],
  ['virtual', 10],
  ['reverse', 5],
  ['situational', 5],
  ['speed', 5],
];

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addYearsMinusDay = (date: string, years: number) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return isoDate(Date.UTC(y + years, m - 1, d) - DAY);
};
const addMonths = (date: string, months: number) => {
  const [y, m] = date.split('-').map(Number) as [number, number, number];
  // The 15th: never clamped by a short month.
  return isoDate(Date.UTC(y, m - 1 + months, 15));
};

export function generateRegion(options: RegionOptions): GeneratedRegion {
  const rnd = random(options.seed);
  // The mentors' load streams take their event ids from a sequence of their own, so the rest of the region
  // draws the same numbers as before they were written.
  const loadRnd = random(options.seed ^ 0x4c4f4144);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const weighted = <T>(items: readonly [T, number][]): T => {
    const total = items.reduce((t, [, w]) => t + w, 0);
    let x = rnd() * total;
    for (const [item, w] of items) if ((x -= w) < 0) return item;
    return items[items.length - 1]?.[0] as T;
  };
  const uuid = (from = rnd): string => {
    const hex = Array.from({ length: 32 }, () => Math.floor(from() * 16).toString(16));
    hex[12] = '4';
    hex[16] = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };
  const now = options.now ?? Date.now();
  const from = now - 365 * DAY;
  const between = (a: number, b: number) => Math.floor(a + rnd() * Math.max(0, b - a));
  const calendar = defaultProductionCalendar();
  const region = options.region ?? 'Самарская область';
  const municipalities = Array.from({ length: options.municipalities }, (_, i) =>
    i < municipalityNames.length ? (municipalityNames[i] as string) : `Муниципальный округ № ${i + 1}`,
  );

  const streams: GeneratedStream[] = [];

  /** Runs commands through a decider, keeping its state: a refusal throws, as it would in the API. */
  function aggregate<S, C extends DomainCommand, E extends DomainEvent>(
    streamId: string,
    organisationId: string,
    decider: Decider<S, C, E>,
  ) {
    let state = decider.initialState();
    const stream: GeneratedStream = { streamId, organisationId, events: [] };
    streams.push(stream);
    return {
      get state() {
        return state;
      },
      run(command: Omit<C, 'metadata'>, actorId: string, role: Role, at: number): E[] {
        const metadata: CommandMetadata = { actorId, role, now: new Date(at).toISOString() };
        const events = decider.decide({ ...command, metadata } as C, state);
        for (const event of events) {
          state = decider.evolve(state, event);
          stream.events.push({
            eventId: uuid(),
            type: event.type,
            data: { ...event.data },
            metadata: { actorId, role, organisationId },
            at,
          });
        }
        return events;
      },
    };
  }

  const ledger: LedgerOrganisation[] = [];
  const orgs: {
    id: string;
    municipality: string;
    timeZone: string;
    registeredAt: number;
    director: string;
    head: string;
    curator?: string;
    methodologists: string[];
    tutors: string[];
    programmeId: string;
    programme: ReturnType<typeof aggregate>;
    ledger: LedgerOrganisation;
    code: number;
  }[] = [];

  for (let i = 0; i < options.organisations; i++) {
    const id = uuid();
    const municipality = municipalities[i % municipalities.length] as string;
    const timeZone = pick(timeZones);
    const registeredAt = between(from, from + 90 * DAY);
    const organisation = aggregate(organisationStream(id), id, organisationDecider);
    const kind = pick(['school', 'school', 'college', 'kindergarten'] as const);
    const name = `${kind === 'college' ? 'ГБПОУ «Колледж' : kind === 'kindergarten' ? 'МБДОУ «Детский сад' : 'МБОУ «Школа'} № ${i + 1}» (${municipality})`;
    const admin = uuid();
    organisation.run(
      { type: 'RegisterOrganisation', data: { organisationId: id, name, kind, municipality, region, timeZone } },
      admin,
      'administrator',
      registeredAt,
    );
    const director = uuid();
    organisation.run(
      { type: 'AssignStaff', data: { personId: director, role: 'director' } },
      admin,
      'administrator',
      registeredAt + HOUR,
    );
    const head = uuid();
    organisation.run(
      { type: 'AssignStaff', data: { personId: head, role: 'commissionHead' } },
      director,
      'director',
      registeredAt + 2 * HOUR,
    );
    // Slide 18: about a third of organisations had no curator in 2021; here about a quarter.
    const curator = rnd() < 0.75 ? uuid() : undefined;
    const curatorAt = registeredAt + between(DAY, 120 * DAY);
    const methodologists = Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => uuid());
    const tutors = Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => uuid());
    for (const m of methodologists)
      organisation.run(
        { type: 'AssignStaff', data: { personId: m, role: 'methodologist' } },
        director,
        'director',
        registeredAt + 3 * HOUR,
      );
    for (const t of tutors)
      organisation.run(
        { type: 'AssignStaff', data: { personId: t, role: 'tutor' } },
        director,
        'director',
        registeredAt + 3 * HOUR,
      );
    if (curator)
      organisation.run(
        { type: 'AssignStaff', data: { personId: curator, role: 'curator' } },
        director,
        'director',
        curatorAt,
      );

    const programmeId = uuid();
    const programme = aggregate(programmeStream(programmeId), id, programmeDecider);
    programme.run(
      {
        type: 'StartProgramme',
        data: { programmeId, organisationId: id, title: 'Программа наставничества педагогических работников' },
      },
      director,
      'director',
      registeredAt + DAY,
    );
    const documents: LedgerOrganisation['documents'] = {};
    const docChances = { implementationAct: 0.8, regulationApprovalOrder: 0.7, mentorContractSupplement: 0.3 } as const;
    for (const kindOfDoc of ['implementationAct', 'regulationApprovalOrder', 'mentorContractSupplement'] as const) {
      if (rnd() >= docChances[kindOfDoc]) continue;
      const at = between(registeredAt + 2 * DAY, now - HOUR);
      documents[kindOfDoc] = at;
    }
    const entry: LedgerOrganisation = {
      organisationId: id,
      name,
      municipality,
      timeZone,
      registeredAt,
      ...(curator ? { curatorSince: curatorAt } : {}),
      documents,
      pairs: [],
      drafts: [],
    };
    ledger.push(entry);
    orgs.push({
      id,
      municipality,
      timeZone,
      registeredAt,
      director,
      head,
      ...(curator ? { curator } : {}),
      methodologists,
      tutors,
      programmeId,
      programme,
      ledger: entry,
      code: (options.firstOrganisationCode ?? 1) + i,
    });
  }

  // ---- Pairs ----
  const pairPlans = Array.from({ length: options.pairs }, () => ({ org: pick(orgs), at: 0 }))
    .map((p) => ({ ...p, at: between(p.org.registeredAt + 3 * DAY, now - DAY) }))
    .sort((a, b) => a.at - b.at);
  /** Each mentor's pairs: mentees and when the pair ended (completed or terminated), while it is known. */
  const mentorPairs = new Map<string, { menteeCount: number; endedAt?: number }[]>();
  const loadAt = (mentorId: string, at: number) =>
    (mentorPairs.get(mentorId) ?? [])
      .filter((p) => p.endedAt === undefined || p.endedAt > at)
      .reduce((t, p) => t + p.menteeCount, 0);
  /** What the pair workflow's reserveMentorCapacity/releaseMentorCapacity activities write, in time order later. */
  const loadCommands: {
    at: number;
    mentorId: string;
    organisationId: string;
    pairId: string;
    reserve?: number;
  }[] = [];
  const mentorsOf = new Map<string, string[]>();
  for (const { org, at: formedAt } of pairPlans) {
    const pairId = uuid();
    const kind = weighted(kindWeights);
    const menteeIds = kind === 'group' ? [uuid(), uuid()] : [uuid()];
    const pool = mentorsOf.get(org.id) ?? [];
    // 002 §4.3: at most two mentees at a time; a mentor is reused only while that holds on the formation day
    // (pairs are formed in time order, so every earlier pair's end is known by then).
    const mentorId = pool.find((m) => loadAt(m, formedAt) + menteeIds.length <= defaultMentorCapacity) ?? uuid();
    if (!pool.includes(mentorId)) mentorsOf.set(org.id, [...pool, mentorId]);
    const occupancy: { menteeCount: number; endedAt?: number } = { menteeCount: menteeIds.length };
    mentorPairs.set(mentorId, [...(mentorPairs.get(mentorId) ?? []), occupancy]);
    loadCommands.push({ at: formedAt, mentorId, organisationId: org.id, pairId, reserve: menteeIds.length });
    const ended = (at: number) => {
      occupancy.endedAt = at;
      loadCommands.push({ at, mentorId, organisationId: org.id, pairId });
    };
    const start = localDateOf(new Date(formedAt), org.timeZone);
    const orderDate = isoDate(Date.parse(`${start}T00:00:00Z`) - DAY);
    const consentDate = isoDate(Date.parse(`${start}T00:00:00Z`) - 3 * DAY);
    const form = weighted(formWeights);
    const pair = aggregate(pairStream(pairId), org.id, pairDecider);
    pair.run(
      {
        type: 'FormPair',
        data: {
          pairId,
          programmeId: org.programmeId,
          organisationId: org.id,
          form,
          kind,
          mentorId,
          menteeIds,
          consents: [mentorId, ...menteeIds].map((personId) => ({ personId, date: consentDate })),
          order: { number: `${Math.floor(rnd() * 200) + 1}-к`, date: orderDate, signedBy: 'Руководитель организации' },
          term: { start, end: isoDate(Date.parse(`${addYearsMinusDay(start, 1)}T00:00:00Z`) + 31 * DAY) },
          capacityReserved: true,
        },
      },
      org.director,
      'director',
      formedAt,
    );
    const record: LedgerOrganisation['pairs'][number] = { form, formedAt };
    org.ledger.pairs.push(record);

    const approvedAt = formedAt + between(DAY, 20 * DAY);
    const terminateAt = rnd() < 0.06 ? between(formedAt + HOUR, now) : undefined;
    if (approvedAt < now && (terminateAt === undefined || approvedAt < terminateAt) && rnd() < 0.85) {
      const programmeStart = localDateOf(new Date(approvedAt), org.timeZone);
      const interimDate = addMonths(programmeStart, 4);
      const finalDate = addMonths(programmeStart, 8);
      const interim = { taskId: uuid(), dueAt: endOfLocalDay(interimDate, org.timeZone), dueLocalDate: interimDate };
      const final = { taskId: uuid(), dueAt: endOfLocalDay(finalDate, org.timeZone), dueLocalDate: finalDate };
      pair.run(
        {
          type: 'ApprovePersonalProgramme',
          data: {
            start: programmeStart,
            end: addMonths(programmeStart, 9),
            directions: ['Методика преподавания предмета'],
            activities: [{ title: 'Посещение уроков наставника', plannedDate: addMonths(programmeStart, 1) }],
            difficulties: ['Организация учебной дисциплины'],
            controller: { personId: org.head, role: 'commissionHead' },
            interimControl: interim,
            finalControl: final,
          },
        },
        org.head,
        'commissionHead',
        approvedAt,
      );
      record.approvedAt = approvedAt;
      const interimDue = Date.parse(interim.dueAt);
      const stopAt = terminateAt ?? now;
      let passedAt: number | undefined;
      if (rnd() < 0.15 && interimDue + HOUR < stopAt) {
        pair.run(
          { type: 'MarkPairTaskOverdue', data: { taskId: interim.taskId } },
          'workflow',
          'administrator',
          interimDue + HOUR,
        );
      } else if (interimDue - 3 * DAY < stopAt) {
        const controlledAt = interimDue - 3 * DAY;
        if (rnd() < 0.15) {
          const repeatDate = addMonths(interimDate, 1);
          const repeat = { taskId: uuid(), dueAt: endOfLocalDay(repeatDate, org.timeZone), dueLocalDate: repeatDate };
          pair.run(
            {
              type: 'PassInterimControl',
              data: {
                taskId: interim.taskId,
                outcome: 'needsCorrection',
                comment: 'Требуется доработка плана',
                repeatControl: repeat,
              },
            },
            org.head,
            'commissionHead',
            controlledAt,
          );
          const repeatAt = Date.parse(repeat.dueAt) - 2 * DAY;
          if (repeatAt < stopAt) {
            pair.run(
              {
                type: 'PassInterimControl',
                data: { taskId: repeat.taskId, outcome: 'passed', comment: 'Замечания устранены' },
              },
              org.head,
              'commissionHead',
              repeatAt,
            );
            passedAt = repeatAt;
          }
        } else {
          pair.run(
            {
              type: 'PassInterimControl',
              data: { taskId: interim.taskId, outcome: 'passed', comment: 'Программа выполняется' },
            },
            org.head,
            'commissionHead',
            controlledAt,
          );
          passedAt = controlledAt;
        }
      }
      const finalAt = Date.parse(final.dueAt) - 3 * DAY;
      if (passedAt !== undefined && finalAt > passedAt && finalAt < stopAt) {
        const outcome = rnd() < 0.9 ? 'passed' : 'notPassed';
        pair.run(
          {
            type: 'CompleteFinalControl',
            data: { taskId: final.taskId, outcome, mentorConclusion: 'Наставляемый адаптировался в коллективе' },
          },
          org.head,
          'commissionHead',
          finalAt,
        );
        if (finalAt + DAY < stopAt) {
          pair.run({ type: 'CompletePair', data: {} }, org.director, 'director', finalAt + DAY);
          ended(finalAt + DAY);
          continue;
        }
      }
    }
    if (terminateAt !== undefined) {
      pair.run(
        {
          type: 'TerminatePair',
          data: {
            reason: 'Увольнение наставляемого',
            order: {
              number: `${Math.floor(rnd() * 200) + 1}-к`,
              date: localDateOf(new Date(terminateAt), org.timeZone),
              signedBy: 'Руководитель организации',
            },
          },
        },
        org.director,
        'director',
        terminateAt,
      );
      record.terminatedAt = terminateAt;
      ended(terminateAt);
    }
  }

  // ---- The mentors' load, as the pair workflow reserves and releases it (a release before a reservation at one instant) ----
  const loads = new Map<string, ReturnType<typeof mentorLoad>>();
  function mentorLoad(mentorId: string, organisationId: string) {
    let state = mentorLoadDecider.initialState();
    const stream: GeneratedStream = { streamId: mentorLoadStream(mentorId), organisationId, events: [] };
    streams.push(stream);
    return (command: (typeof loadCommands)[number]) => {
      const metadata: CommandMetadata = {
        actorId: 'system',
        role: 'administrator',
        now: new Date(command.at).toISOString(),
      };
      const events = mentorLoadDecider.decide(
        command.reserve === undefined
          ? { type: 'ReleaseMenteeSlots', data: { pairId: command.pairId }, metadata }
          : {
              type: 'ReserveMenteeSlots',
              data: {
                pairId: command.pairId,
                mentorId,
                menteeCount: command.reserve,
                capacity: defaultMentorCapacity,
              },
              metadata,
            },
        state,
      );
      for (const event of events) {
        state = mentorLoadDecider.evolve(state, event);
        stream.events.push({
          eventId: uuid(loadRnd),
          type: event.type,
          data: { ...event.data },
          // As the activities write them: the system, the pair's workflow as correlation, the organisation on a reservation.
          metadata: {
            actorId: 'system',
            ...(command.reserve === undefined ? {} : { organisationId }),
            correlationId: pairWorkflowId(command.pairId),
          },
          at: command.at,
        });
      }
    };
  }
  for (const command of loadCommands.sort(
    (a, b) => a.at - b.at || Number(a.reserve !== undefined) - Number(b.reserve !== undefined),
  )) {
    const load = loads.get(command.mentorId) ?? mentorLoad(command.mentorId, command.organisationId);
    loads.set(command.mentorId, load);
    load(command);
  }

  // ---- Programme documents and the first stage gate, in time order after the pairs exist ----
  for (const org of orgs) {
    const { documents, pairs, curatorSince } = org.ledger;
    const actions: { at: number; run: () => void }[] = Object.entries(documents).map(([kindOfDoc, at]) => ({
      at,
      run: () =>
        org.programme.run(
          {
            type: 'RecordDocument',
            data: {
              documentId: uuid(),
              kind: kindOfDoc,
              number: `${Math.floor(rnd() * 300) + 1}-од`,
              date: localDateOf(new Date(at), org.timeZone),
              signedBy: 'Руководитель организации',
            },
          },
          org.director,
          'director',
          at,
        ),
    }));
    const appointedBy = org.director;
    if (org.curator && curatorSince !== undefined) {
      const curatorId = org.curator;
      actions.push({
        at: curatorSince + HOUR,
        run: () =>
          org.programme.run(
            { type: 'AppointCurator', data: { curatorId } },
            appointedBy,
            'director',
            curatorSince + HOUR,
          ),
      });
    }
    const firstPair = Math.min(...pairs.map((p) => p.formedAt));
    if (
      org.curator &&
      curatorSince !== undefined &&
      documents.implementationAct !== undefined &&
      documents.regulationApprovalOrder !== undefined &&
      pairs.length > 0
    ) {
      // The curator leaves the preparatory stage a day after its last condition was met (004 slide 43).
      const at =
        Math.max(documents.implementationAct, documents.regulationApprovalOrder, curatorSince + HOUR, firstPair) + DAY;
      const curator = org.curator;
      if (at < now) {
        actions.push({
          at,
          run: () => {
            const formed = pairs.filter(
              (p) => p.formedAt < at && !(p.terminatedAt !== undefined && p.terminatedAt < at),
            );
            const approved = formed.filter((p) => p.approvedAt !== undefined && p.approvedAt < at).length;
            org.programme.run(
              {
                type: 'AdvanceStage',
                data: {
                  expectedStage: 'preparatory',
                  context: {
                    mentorsSelected: formed.length,
                    menteesSelected: formed.length,
                    pairsAssigned: formed.length,
                    pairsAssignedWithOrderAndConsents: formed.length,
                    pairsWithApprovedPersonalProgramme: approved,
                    activePairs: approved,
                    activePairsPassedInterimControl: 0,
                  },
                },
              },
              curator,
              'curator',
              at,
            );
          },
        });
      }
    }
    for (const action of actions.sort((a, b) => a.at - b.at)) action.run();
  }

  // ---- Individual educational routes ----
  const sequences = new Map<string, number>();
  const routePlans = Array.from({ length: options.routes }, () => pick(orgs))
    .map((org) => ({ org, at: between(org.registeredAt + 3 * DAY, now - DAY) }))
    .sort((a, b) => a.at - b.at);
  for (const { org, at: createdAt } of routePlans) {
    const routeId = uuid();
    const tutor = pick(org.tutors);
    const methodologist = pick(org.methodologists);
    const teacher = uuid();
    const startDate = localDateOf(new Date(createdAt), org.timeZone);
    const year = Number(startDate.slice(0, 4));
    const sequenceKey = `${org.id}:${year}`;
    const sequence = (sequences.get(sequenceKey) ?? 0) + 1;
    sequences.set(sequenceKey, sequence);
    const endDate = addYearsMinusDay(startDate, 3);
    const route = aggregate(routeStream(routeId), org.id, routeDecider);
    route.run(
      {
        type: 'CreateRoute',
        data: {
          routeId,
          code: formatRouteCode({ regionCode: options.regionCode ?? 63, organisationCode: org.code, year, sequence }),
          organisationId: org.id,
          teacherId: teacher,
          methodologistId: methodologist,
          tutorId: tutor,
          titlePage: {
            position: 'Учитель',
            education: 'Высшее педагогическое',
            teachingExperienceYears: Math.floor(rnd() * 30),
            selfEducationTopic: 'Функциональная грамотность',
            startDate,
            endDate,
          },
          goal: 'Преодолеть профессиональные дефициты',
          tasks: ['Освоить современные методики'],
        },
      },
      tutor,
      'tutor',
      createdAt,
    );
    const diagnosedAt = createdAt + between(HOUR, 10 * DAY);
    if (diagnosedAt >= now - HOUR) continue;
    const areas = competenceAreas.filter(() => rnd() < 0.6);
    const diagnosed: CompetenceArea[] = areas.length > 0 ? areas : ['methodical'];
    const initial = diagnosed.map((area) => ({ area, percent: Math.floor(20 + rnd() * 75) }));
    let due: { dueAt: string; dueLocalDate: string };
    try {
      due = calendar.addWorkingDays(new Date(diagnosedAt), 10, org.timeZone);
    } catch {
      // No production calendar for that year: no draft deadline can be computed, as in the system.
      continue;
    }
    const draftTaskId = uuid();
    const diagnosticsDate = localDateOf(new Date(diagnosedAt), org.timeZone);
    route.run(
      {
        type: 'RecordDiagnostics',
        data: {
          diagnosticsId: uuid(),
          date: diagnosticsDate,
          results: initial,
          draftTaskId,
          draftDueAt: due.dueAt,
          draftDueLocalDate: due.dueLocalDate,
          remindAt: [],
        },
      },
      tutor,
      'tutor',
      diagnosedAt,
    );
    const dueMs = Date.parse(due.dueAt);
    const rows: RouteRoadMapRow[] = diagnosed.slice(0, 3).map((area, i) => ({
      rowId: `row-${i + 1}`,
      competence: area,
      activity: 'Курс повышения квалификации',
      activityKind: 'furtherTrainingProgramme',
      tasks: 'Восполнить дефицит',
      hours: 36,
      deadline: addMonths(startDate, 6 + i),
    }));
    let submittedAt: number | undefined;
    if (rnd() < 0.75) {
      const at = Math.max(diagnosedAt + HOUR, dueMs - between(HOUR, 8 * DAY));
      if (at < now) submittedAt = at;
    } else if (dueMs + HOUR < now) {
      const escalationDue = endOfLocalDay(isoDate(dueMs + 5 * DAY), org.timeZone);
      route.run(
        {
          type: 'MarkDraftOverdue',
          data: {
            taskId: draftTaskId,
            ...(org.curator ? { curatorId: org.curator } : {}),
            escalationTaskIds: { tutor: uuid(), ...(org.curator ? { curator: uuid() } : {}) },
            dueAt: escalationDue,
            dueLocalDate: isoDate(dueMs + 5 * DAY),
          },
        },
        'workflow',
        'administrator',
        dueMs + HOUR,
      );
      org.ledger.drafts.push({ decidedAt: dueMs + HOUR, onTime: false });
      const at = dueMs + between(DAY, 12 * DAY);
      if (rnd() < 0.7 && at < now) submittedAt = at;
    }
    if (submittedAt === undefined) continue;
    route.run({ type: 'SubmitDraft', data: { rows } }, methodologist, 'methodologist', submittedAt);
    if (submittedAt < dueMs) org.ledger.drafts.push({ decidedAt: submittedAt, onTime: true });
    const agreedAt = submittedAt + between(HOUR, 5 * DAY);
    if (agreedAt >= now) continue;
    route.run(
      {
        type: 'AgreeRoadMap',
        data: {
          controlPoints: [
            { controlPointId: 'cp-1', date: addMonths(startDate, 3), description: 'Промежуточные итоги' },
          ],
        },
      },
      tutor,
      'tutor',
      agreedAt,
    );
    const entries = Math.floor(rnd() * 7);
    const entryTimes = Array.from({ length: entries }, () => between(agreedAt + HOUR, now - HOUR)).sort(
      (a, b) => a - b,
    );
    const reflectionAt = agreedAt + between(100 * DAY, 200 * DAY);
    const reflects = rnd() < 0.5 && reflectionAt < now - 2 * DAY;
    for (const at of entryTimes.filter((t) => !reflects || t < reflectionAt)) {
      route.run(
        {
          type: 'RecordPortfolioEntry',
          data: {
            entryId: uuid(),
            rowId: 'row-1',
            product: 'Методическая разработка урока',
            selfAssessment: 'Удовлетворён результатом',
          },
        },
        teacher,
        'mentee',
        at,
      );
    }
    if (!reflects) continue;
    route.run({ type: 'StartReflection', data: {} }, tutor, 'tutor', reflectionAt);
    const controlAt = reflectionAt + between(HOUR, DAY);
    route.run(
      {
        type: 'RecordControlDiagnostics',
        data: {
          diagnosticsId: uuid(),
          date: localDateOf(new Date(controlAt), org.timeZone),
          results: initial.map((r) => ({ area: r.area, percent: Math.min(100, r.percent + Math.floor(rnd() * 25)) })),
        },
      },
      tutor,
      'tutor',
      controlAt,
    );
    if (rnd() < 0.5) route.run({ type: 'CompleteRoute', data: {} }, tutor, 'tutor', controlAt + HOUR);
  }

  // ---- Monitoring results entered by curators (002 §10) ----
  for (const org of orgs) {
    const count = Math.floor(rnd() * 4);
    if (count === 0) continue;
    const journal = aggregate(monitoringStream(org.id), org.id, monitoringDecider);
    const times = Array.from({ length: count }, () => between(org.registeredAt + 30 * DAY, now - HOUR)).sort(
      (a, b) => a - b,
    );
    for (const at of times) {
      const indicator: MonitoringIndicator = pick(monitoringIndicators);
      const unit = monitoringIndicatorDefinitions[indicator].unit;
      const value =
        unit === 'percent'
          ? Math.round(rnd() * 1000) / 10
          : unit === 'score'
            ? 1 + Math.floor(rnd() * 5)
            : unit === 'percentagePoints'
              ? Math.round((rnd() * 40 - 20) * 10) / 10
              : unit === 'change'
                ? Math.floor(rnd() * 21) - 10
                : Math.floor(rnd() * 15);
      const periodEnd = localDateOf(new Date(at), org.timeZone);
      journal.run(
        {
          type: 'RecordMonitoringResult',
          data: {
            organisationId: org.id,
            resultId: uuid(),
            indicator,
            value,
            periodStart: addMonths(periodEnd, -6),
            periodEnd,
          },
        },
        org.curator ?? org.director,
        org.curator ? 'curator' : 'director',
        at,
      );
    }
  }

  const routeRegistry = orgs.map((org) => ({
    organisationId: org.id,
    regionCode: options.regionCode ?? 63,
    organisationCode: org.code,
    lastSequenceByYear: Object.fromEntries(
      [...sequences]
        .filter(([key]) => key.startsWith(`${org.id}:`))
        .map(([key, last]) => [Number(key.split(':')[1]), last]),
    ),
  }));
  return {
    region,
    municipalities,
    streams: streams.filter((s) => s.events.length > 0),
    ledger,
    from,
    now,
    routeRegistry,
  };
}
