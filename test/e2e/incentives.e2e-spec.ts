import { randomUUID } from 'node:crypto';
import { localDateOf } from '@mentorflow/calendar';
import {
  activeIncentiveKinds,
  incentiveDecider,
  incentiveStream,
  initialIncentiveKindsState,
  type IncentiveCommand,
} from '@mentorflow/domain';
import { approveCandidates, selectParticipants } from '../support/participants';
import { addPerson } from '../support/people';
import {
  formPair,
  participantsListed,
  places,
  registerOrganisation,
  selectParticipant,
  startProgramme,
} from '../support/programme-setup';
import { daysAgo, recordInThePast, regionReportDaysAgo } from '../support/past-history';
import { TestSystem } from '../support/system';

const DAY = 86_400_000;

describe('incentives through HTTP (issue 28: 002 §5.1, 004 slides 22–24)', () => {
  let system: TestSystem;
  // A region of this file's own: the region report counts by region.
  const region = `Область поощрений ${randomUUID().slice(0, 8)}`;
  const ids = {
    admin: randomUUID(),
    director: randomUUID(),
    curator: randomUUID(),
    mentor: randomUUID(),
    mentee: randomUUID(),
    otherMentor: randomUUID(),
    coordinator: randomUUID(),
  };
  const as = {} as Record<
    'admin' | 'director' | 'curator' | 'mentor' | 'mentee' | 'otherMentor' | 'stranger' | 'coordinator',
    string
  >;
  let school: string;
  let pairId: string;
  let menteeIncentive: string;
  let mentorIncentive: string;
  const today = () => localDateOf(new Date().toISOString(), places.tolyatti.timeZone);

  const propose = (token: string, body: Record<string, unknown>) =>
    system.request('POST', '/incentives', token, { organisationId: school, ...body });
  const menteeProposal = (overrides: Record<string, unknown> = {}) => ({
    personId: ids.mentee,
    recipientRole: 'mentee',
    pairId,
    kind: 'certificateOfHonour',
    ...overrides,
  });

  beforeAll(async () => {
    system = await TestSystem.start();
    as.admin = system.token(ids.admin, ['administrator']);
    const registered = await registerOrganisation(system, as.admin, { ...places.tolyatti, region });
    school = registered.body.organisationId;
    const elsewhere = (await registerOrganisation(system, as.admin, places.vladivostok)).body.organisationId;
    as.director = system.token(ids.director, ['director'], [school]);
    as.curator = system.token(ids.curator, ['curator'], [school]);
    as.mentor = system.token(ids.mentor, ['mentor'], [school]);
    as.mentee = system.token(ids.mentee, ['mentee'], [school]);
    as.otherMentor = system.token(ids.otherMentor, ['mentor'], [school]);
    as.stranger = system.token(randomUUID(), ['mentor'], [elsewhere]);
    as.coordinator = system.token(ids.coordinator, ['regionalCoordinator'], [], { region });
    await addPerson(system, school, as.curator, 'Наставникова', { personId: ids.mentor, firstName: 'Анна' });
    await addPerson(system, school, as.curator, 'Молодых', { personId: ids.mentee, firstName: 'Ольга' });
    const { programmeId } = await startProgramme(system, school, as.director, ids.curator);
    const candidate = await selectParticipant(system, programmeId, as.curator, ids.mentor, 'mentor');
    await participantsListed(system, programmeId, as.curator, 1);
    await approveCandidates(system, programmeId, as.curator, [candidate.body.participantId]);
    await selectParticipants(system, programmeId, as.curator, [{ personId: ids.mentee, role: 'mentee' }]);
    const formed = await formPair(system, programmeId, as.director, ids.mentor, ids.mentee);
    expect(formed.status).toBe(201);
    pairId = formed.body.state.pairId;
    // The curator's proposals check the mentor against the pairs' read model.
    await system.eventually(
      () => system.request('GET', `/pairs/${pairId}`, as.curator),
      (r) => r.status === 200,
    );
  });
  afterAll(() => system?.stop());

  it('refuses bad input with 400 naming the field, and stores nothing', async () => {
    const badRole = await propose(as.mentor, menteeProposal({ recipientRole: 'boss' }));
    expect(badRole.status).toBe(400);
    expect(badRole.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'recipientRole' })]));
    const badAmount = await propose(as.mentor, menteeProposal({ kind: 'bonus', amount: -5 }));
    expect(badAmount.status).toBe(400);
    expect(badAmount.body.errors[0]).toMatchObject({ field: 'amount' });
    const noKind = await propose(as.mentor, menteeProposal({ kind: '' }));
    expect(noKind.status).toBe(400);
    expect(noKind.body.errors[0]).toMatchObject({ field: 'kind' });
    const list = await system.request('GET', `/incentives?organisationId=${school}`, as.curator);
    expect(list.body).toEqual([]);
  });

  it('a mentor proposes only for a mentee of her own pair: 403 for another mentor, 404 from another organisation', async () => {
    expect((await propose(as.otherMentor, menteeProposal())).status).toBe(403);
    expect((await propose(as.mentor, menteeProposal({ personId: ids.otherMentor }))).status).toBe(403);
    expect((await propose(as.stranger, menteeProposal())).status).toBe(404);
    // The curator proposes mentors, not mentees; a mentee proposes nothing.
    expect((await propose(as.curator, menteeProposal())).status).toBe(403);
    expect((await propose(as.mentee, menteeProposal())).status).toBe(403);
    const unknownKind = await propose(as.mentor, menteeProposal({ kind: 'goldMedal' }));
    expect(unknownKind.status).toBe(422);
    expect(unknownKind.body.unmet).toEqual([expect.objectContaining({ code: 'kind.unknown' })]);
  });

  it('the mentor proposes a грамота for her mentee, the curator «Почётный наставник» for the mentor, named', async () => {
    const forMentee = await propose(as.mentor, menteeProposal());
    expect(forMentee.status).toBe(201);
    expect(forMentee.body).toMatchObject({
      status: 'proposed',
      kindName: 'Почётная грамота',
      personName: expect.stringContaining('Молодых'),
      proposedByName: expect.stringContaining('Наставникова'),
    });
    menteeIncentive = forMentee.body.incentiveId;
    const notMentor = await propose(as.curator, {
      personId: ids.otherMentor,
      recipientRole: 'mentor',
      kind: 'honouredMentorBadge',
    });
    expect(notMentor.status).toBe(422);
    const forMentor = await propose(as.curator, {
      personId: ids.mentor,
      recipientRole: 'mentor',
      kind: 'honouredMentorBadge',
    });
    expect(forMentor.status).toBe(201);
    expect(forMentor.body).toMatchObject({ kindName: 'Нагрудный знак «Почётный наставник»', recipientRole: 'mentor' });
    mentorIncentive = forMentor.body.incentiveId;
    // Another organisation's mentor does not learn it exists; the mentee sees her own.
    expect((await system.request('GET', `/incentives/${menteeIncentive}`, as.stranger)).status).toBe(404);
    expect((await system.request('GET', `/incentives/${menteeIncentive}`, as.mentee)).status).toBe(200);
  });

  it('only the director decides; an order dated after today is refused; approved incentives show on the person and in reports', async () => {
    const order = { number: '45-п', date: today() };
    expect((await system.request('POST', `/incentives/${mentorIncentive}/approve`, as.curator, { order })).status).toBe(
      403,
    );
    const noDate = await system.request('POST', `/incentives/${mentorIncentive}/approve`, as.director, {
      order: { number: '45-п' },
    });
    expect(noDate.status).toBe(400);
    expect(noDate.body.errors[0].field).toMatch(/^order\.date/);
    const tomorrow = localDateOf(new Date(Date.now() + 2 * DAY).toISOString(), places.tolyatti.timeZone);
    const future = await system.request('POST', `/incentives/${mentorIncentive}/approve`, as.director, {
      order: { number: '45-п', date: tomorrow },
    });
    expect(future.status).toBe(422);
    expect(future.body.unmet).toEqual([expect.objectContaining({ code: 'order.date.inFuture' })]);

    const approved = await system.request('POST', `/incentives/${mentorIncentive}/approve`, as.director, { order });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', order, decidedBy: ids.director });
    const again = await system.request('POST', `/incentives/${mentorIncentive}/approve`, as.director, { order });
    expect(again.status).toBe(409);

    const card = await system.eventually(
      () => system.request('GET', `/incentives?personId=${ids.mentor}`, as.curator),
      (r) => r.body?.[0]?.status === 'approved',
    );
    expect(card.body).toEqual([
      expect.objectContaining({ kindName: 'Нагрудный знак «Почётный наставник»', statusLabel: 'Утверждено' }),
    ]);
    // The pair's members' incentives, for its audit.
    const ofPair = await system.request('GET', `/incentives?pairId=${pairId}`, as.curator);
    expect(ofPair.body.map((i: { incentiveId: string }) => i.incentiveId).sort()).toEqual(
      [menteeIncentive, mentorIncentive].sort(),
    );

    const report = await system.eventually(
      () => system.request('GET', `/organisations/${school}/reports/monitoring`, as.curator),
      (r) => r.status === 200 && r.body.incentives?.granted === 1,
      30_000,
    );
    expect(report.body.incentives).toMatchObject({
      granted: 1,
      mentorsRewarded: 1,
      menteesRewarded: 0,
      awaitingDecision: 1,
      byKind: [{ kind: 'honouredMentorBadge', label: 'Нагрудный знак «Почётный наставник»', count: 1 }],
    });
    const regionRow = await system.eventually(
      () => system.request('GET', `/reports/region?region=${encodeURIComponent(region)}`, as.coordinator),
      (r) => r.status === 200 && r.body.totals.incentives?.mentorsRewarded === 1,
      30_000,
    );
    expect(regionRow.body.totals.incentives).toMatchObject({ granted: 1, mentorsRewarded: 1 });
    const summary = await system.request('GET', `/incentives/results-summary?organisationId=${school}`, as.curator);
    expect(summary.body).toMatchObject({ incentivesGranted: 1, incentivesAwaitingDecision: 1, practicesSubmitted: 0 });
    const xlsx = await system.request('GET', `/organisations/${school}/reports/monitoring?format=xlsx`, as.curator);
    expect(xlsx.status).toBe(200);
  });

  it("the person's 152-ФЗ export lists the incentives held about her, with no one's name in them", async () => {
    const exported = await system.request('GET', `/people/${ids.mentor}/export`, as.admin);
    expect(exported.status).toBe(200);
    expect(exported.body.incentives).toEqual([
      expect.objectContaining({
        incentiveId: mentorIncentive,
        status: 'approved',
        kindName: 'Нагрудный знак «Почётный наставник»',
        order: { number: '45-п', date: today() },
      }),
    ]);
    expect(JSON.stringify(exported.body.incentives)).not.toContain('Наставникова');
  });

  it('the director declines with a reason; without one it is 400 naming the field', async () => {
    const empty = await system.request('POST', `/incentives/${menteeIncentive}/decline`, as.director, { reason: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0]).toMatchObject({ field: 'reason' });
    const declined = await system.request('POST', `/incentives/${menteeIncentive}/decline`, as.director, {
      reason: 'Поощрение этого года уже получено',
    });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'Поощрение этого года уже получено' });
  });

  it('the administrator extends the list of kinds; built-in kinds stay; a removed kind is not offered', async () => {
    expect((await system.request('POST', '/incentive-kinds', as.curator, { name: 'Медаль' })).status).toBe(403);
    expect((await system.request('POST', '/incentive-kinds', as.admin, { name: '' })).status).toBe(400);
    const name = `Медаль «Учитель года» ${randomUUID().slice(0, 4)}`;
    const added = await system.request('POST', '/incentive-kinds', as.admin, { name });
    expect(added.status).toBe(201);
    const kindId = added.body.kindId;
    expect((await system.request('POST', '/incentive-kinds', as.admin, { name })).status).toBe(409);
    const kinds = await system.request('GET', '/incentive-kinds?limit=100', as.mentor);
    expect(kinds.body.map((k: { name: string }) => k.name)).toEqual(expect.arrayContaining(['Почётная грамота', name]));
    const withNewKind = await propose(as.mentor, menteeProposal({ kind: kindId }));
    expect(withNewKind.status).toBe(201);
    expect(withNewKind.body.kindName).toBe(name);
    expect((await system.request('POST', `/incentive-kinds/${kindId}/removal`, as.admin)).status).toBe(200);
    expect((await propose(as.mentor, menteeProposal({ kind: kindId }))).status).toBe(422);
  });

  it('counts as of a date: an incentive granted five days ago is not counted a week ago', async () => {
    const name = 'МБОУ «Школа № 12»';
    const incentiveId = randomUUID();
    await recordInThePast({ ...places.samara, name, region }, 20, ({ organisationId, decide }) =>
      decide<IncentiveCommand>(incentiveStream(incentiveId), incentiveDecider, [
        {
          type: 'ProposeIncentive',
          data: {
            incentiveId,
            organisationId,
            personId: randomUUID(),
            recipientRole: 'mentor',
            kind: 'diploma',
            kinds: activeIncentiveKinds(initialIncentiveKindsState()),
          },
          metadata: { actorId: randomUUID(), role: 'curator', now: daysAgo(10) },
        },
        {
          type: 'ApproveIncentive',
          data: { order: { number: '7-п', date: daysAgo(5).slice(0, 10) } },
          metadata: { actorId: randomUUID(), role: 'director', now: daysAgo(5) },
        },
      ]),
    );
    const asOf = async (days: number) => {
      const report = await regionReportDaysAgo(system, as.coordinator, region, days, places.samara.timeZone);
      const row = report.organisations.items.find((o: { name: string }) => o.name === name);
      return { daysAgo: days, granted: row?.incentives.granted, mentors: row?.incentives.mentorsRewarded };
    };
    await system.eventually(
      () => asOf(1),
      (r) => r.granted === 1,
      30_000,
    );
    expect(await asOf(7)).toEqual({ daysAgo: 7, granted: 0, mentors: 0 });
    expect(await asOf(3)).toEqual({ daysAgo: 3, granted: 1, mentors: 1 });
  });
});
