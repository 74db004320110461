import { randomUUID } from 'node:crypto';
import { localDateOf } from '@mentorflow/calendar';
import { approveCandidates, selectParticipants } from '../support/participants';
import { TestSystem } from '../support/system';
import { addDays } from '../support/dates';
import { russianDate } from '@mentorflow/domain';

const timeZone = 'Asia/Kamchatka';

/**
 * Forming pairs as the regulation says (issue 19): the commission reviews candidates (002 §4.4), only
 * selected people are paired in their role (defect 3), the mentor capacity is the organisation's
 * setting and a too large group is refused by its size (defect 4), consents and orders are not dated
 * after today (defect 11), kinds combine (002 §9.1.3); participants are withdrawn and staff removed
 * through HTTP.
 */
describe('formation by the regulations, through HTTP', () => {
  let system: TestSystem;
  let organisationId: string;
  let programmeId: string;
  let today: string;
  const [director, curator, head, staffTutor] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const [mentor, secondMentor, menteeA, menteeB, menteeC] = Array.from({ length: 5 }, () => randomUUID());
  const as: Record<string, string> = {};
  const nameOf = (sub: string) => `Пользователь ${sub.slice(0, 8)}`;

  const formation = (mentorId: string, menteeIds: string[], extra: Record<string, unknown> = {}) => ({
    form: 'teacherTeacher',
    kind: menteeIds.length > 1 ? 'group' : 'traditional',
    mentorId,
    menteeIds,
    consents: [mentorId, ...menteeIds].map((personId) => ({ personId, date: addDays(today, -3) })),
    order: { number: '15-к', date: addDays(today, -1), signedBy: 'Директор' },
    term: { start: today, end: addDays(today, 400) },
    ...extra,
  });
  const form = (body: object, token = as.director) =>
    system.request('POST', `/programmes/${programmeId}/pairs`, token, body);
  const codes = (r: { body: { unmet?: { code: string }[] } }) => (r.body.unmet ?? []).map((u) => u.code);

  beforeAll(async () => {
    system = await TestSystem.start();
    const admin = system.token(randomUUID(), ['administrator']);
    as.admin = admin;
    organisationId = (
      await system.request('POST', '/organisations', admin, {
        name: 'МБОУ «Гимназия № 1»',
        kind: 'school',
        municipality: 'г. Петропавловск-Камчатский',
        region: 'Камчатский край',
        timeZone,
      })
    ).body.organisationId;
    today = localDateOf(new Date(), timeZone);
    as.director = system.token(director, ['director'], [organisationId]);
    as.curator = system.token(curator, ['curator'], [organisationId]);
    as.head = system.token(head, ['commissionHead'], [organisationId]);
    as.mentor = system.token(mentor, ['mentor'], [organisationId]);
    for (const person of [secondMentor, menteeA, menteeB, menteeC]) system.token(person, ['mentee'], [organisationId]);
    expect(
      (
        await system.request('POST', `/organisations/${organisationId}/staff`, admin, {
          personId: director,
          role: 'director',
        })
      ).status,
    ).toBe(200);
    await system.request('POST', `/organisations/${organisationId}/staff`, admin, {
      personId: curator,
      role: 'curator',
    });
    programmeId = (
      await system.request('POST', `/organisations/${organisationId}/programmes`, as.director, { title: 'Программа' })
    ).body.state.programmeId;
    await system.request('POST', `/programmes/${programmeId}/curator`, as.director, { curatorId: curator });
  });
  afterAll(() => system?.stop());

  it('reviews candidates at a commission meeting; only approved ones, in their role, are paired (002 §4.4, defect 3)', async () => {
    const propose = (personId: string, role: 'mentor' | 'mentee') =>
      system.request('POST', `/programmes/${programmeId}/participants`, as.curator, {
        personId,
        role,
        position: 'Учитель',
        teachingExperienceYears: role === 'mentor' ? 12 : 0,
        subjectExperienceYears: role === 'mentor' ? 6 : 0,
        ...(role === 'mentee' ? { menteeCategory: 'newSpecialist' } : {}),
      });
    const proposedMentor = await propose(mentor, 'mentor');
    const proposedMentee = await propose(menteeA, 'mentee');
    expect(proposedMentor.status).toBe(201);
    expect(proposedMentor.body.status).toBe('proposed');

    // Nobody approved them yet: refused, each named as the directory names them.
    await system.eventually(
      () => system.request('GET', `/programmes/${programmeId}/participants`, as.head),
      (r) => r.body.length === 2,
    );
    const unreviewed = await form(formation(mentor, [menteeA]));
    expect(unreviewed.status).toBe(422);
    expect(unreviewed.body.code).toBe('pair.members.notSelected');
    expect(codes(unreviewed)).toEqual([`mentor.${mentor}.notSelected`, `mentee.${menteeA}.notSelected`]);
    expect(unreviewed.body.unmet[0].message).toBe(
      `${nameOf(mentor)} не отобран(а) комиссией в программу наставничества как наставник`,
    );

    // A meeting held tomorrow has not been held; a rejection needs its reason. Nothing is recorded.
    const meeting = (decisions: object[], date = addDays(today, -1)) => ({
      body: 'methodicalCommission',
      date,
      minutesNumber: '3',
      membersPresent: ['Иванова М. П.', 'Петров И. С.'],
      decisions,
    });
    const approve = { participantId: proposedMentor.body.participantId, decision: 'approved' };
    const future = await system.request(
      'POST',
      `/programmes/${programmeId}/commission-meetings`,
      as.head,
      meeting([approve], addDays(today, 1)),
    );
    expect(future.status).toBe(422);
    expect(codes(future)).toEqual(['meeting.date.inFuture']);
    expect(future.body.unmet[0].message).toMatch(/^Дата заседания не может быть позже сегодняшнего дня/);
    const noReason = await system.request(
      'POST',
      `/programmes/${programmeId}/commission-meetings`,
      as.head,
      meeting([approve, { participantId: proposedMentee.body.participantId, decision: 'rejected' }]),
    );
    expect(noReason.status).toBe(422);
    expect(noReason.body.unmet).toEqual([
      {
        code: `${proposedMentee.body.participantId}.participant.review.invalid`,
        message: `Наставляемый ${nameOf(menteeA)}: Укажите причину, по которой комиссия отклонила кандидата`,
      },
    ]);
    // A director does not record the commission's decisions.
    expect(
      (await system.request('POST', `/programmes/${programmeId}/commission-meetings`, as.director, meeting([approve])))
        .status,
    ).toBe(403);

    const recorded = await system.request(
      'POST',
      `/programmes/${programmeId}/commission-meetings`,
      as.head,
      meeting([
        approve,
        { participantId: proposedMentee.body.participantId, decision: 'rejected', reason: 'Не завершено обучение' },
      ]),
    );
    expect(recorded.status).toBe(201);
    expect(recorded.body.participants.map((p: { status: string }) => p.status)).toEqual(['registered', 'rejected']);
    const listed = await system.eventually(
      () => system.request('GET', `/programmes/${programmeId}/participants`, as.curator),
      (r) => r.body.every((p: { status: string }) => p.status !== 'proposed'),
    );
    expect(listed.body.find((p: { personId: string }) => p.personId === menteeA)).toMatchObject({
      status: 'rejected',
      review: {
        decision: 'rejected',
        minutesNumber: '3',
        reason: 'Не завершено обучение',
        body: 'methodicalCommission',
      },
    });

    // The rejected mentee is named; an approved mentor proposed as a mentee is not one.
    const rejected = await form(formation(mentor, [menteeA]));
    expect(rejected.status).toBe(422);
    expect(codes(rejected)).toEqual([`mentee.${menteeA}.notSelected`]);
    await selectParticipants(system, programmeId, as.curator, [{ personId: menteeB, role: 'mentee' }]);
    const wrongRole = await form(formation(menteeB, [mentor]));
    expect(codes(wrongRole)).toEqual([`mentor.${menteeB}.notSelected`, `mentee.${mentor}.notSelected`]);
  });

  it('refuses consents and orders dated after today in the organisation, naming the field (defect 11)', async () => {
    const tomorrow = addDays(today, 1);
    const body = formation(mentor, [menteeB]);
    const refused = await form({
      ...body,
      consents: [
        { personId: mentor, date: today },
        { personId: menteeB, date: tomorrow },
      ],
      order: { number: '16-к', date: tomorrow, signedBy: 'Директор' },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('pair.date.inFuture');
    expect(refused.body.unmet).toEqual([
      {
        code: `consent.${menteeB}.dateInFuture`,
        message: `Дата согласия наставляемого (${menteeB}) не может быть позже сегодняшнего дня (${russianDate(today)})`,
      },
      {
        code: 'order.date.inFuture',
        message: `Дата приказа о закреплении не может быть позже сегодняшнего дня (${russianDate(today)})`,
      },
    ]);
  });

  it('makes the mentor capacity a setting: a group too large is refused by its size, then formed with combined kinds (defect 4, 002 §9.1.3)', async () => {
    await selectParticipants(system, programmeId, as.curator, [
      { personId: secondMentor, role: 'mentor' },
      { personId: menteeC, role: 'mentee' },
    ]);
    // The candidate rejected earlier comes to a later meeting and is approved.
    const listed = await system.request('GET', `/programmes/${programmeId}/participants`, as.curator);
    const rejected = listed.body.find((p: { personId: string }) => p.personId === menteeA);
    // One role at a time, filtered by the API (so every page holds only it); an unknown role is a 400 naming it.
    const menteesOnly = await system.request('GET', `/programmes/${programmeId}/participants?role=mentee`, as.curator);
    const ids = (list: { participantId: string; role: string }[]) => list.map((p) => p.participantId).sort();
    expect(ids(menteesOnly.body)).toEqual(ids(listed.body.filter((p: { role: string }) => p.role === 'mentee')));
    expect(menteesOnly.body.length).toBeGreaterThan(0);
    expect(listed.body.length).toBeGreaterThan(menteesOnly.body.length);
    const unknownRole = await system.request('GET', `/programmes/${programmeId}/participants?role=tutor`, as.curator);
    expect(unknownRole.status).toBe(400);
    expect(unknownRole.body.errors).toEqual([
      expect.objectContaining({ field: 'role', message: expect.stringMatching(/[А-Яа-я]/) }),
    ]);
    await approveCandidates(system, programmeId, as.head, [rejected.participantId]);
    const group = [menteeB, menteeC, menteeA];
    const groupOf = (kinds: string[]) => formation(secondMentor, group, { kind: undefined, kinds });
    const tooLarge = await form(groupOf(['group', 'virtual']));
    expect(tooLarge.status).toBe(422);
    expect(tooLarge.body.detail).toBe(
      'В группе 3 наставляемых, а наставник может сопровождать не более 2 одновременно',
    );

    // A mentor of the organisation may not change it; its curator may (bad input is 400 and changes nothing).
    expect(
      (await system.request('POST', `/organisations/${organisationId}/settings`, as.mentor, { mentorCapacity: 3 }))
        .status,
    ).toBe(403);
    const bad = await system.request('POST', `/organisations/${organisationId}/settings`, as.curator, {
      mentorCapacity: 0,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'mentorCapacity', constraint: 'min' });
    const changed = await system.request('POST', `/organisations/${organisationId}/settings`, as.curator, {
      mentorCapacity: 3,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.settings).toEqual({ mentorCapacity: 3 });

    const formed = await form(groupOf(['group', 'virtual']));
    expect(formed.status).toBe(201);
    expect(formed.body.state).toMatchObject({ kind: 'group', kinds: ['group', 'virtual'], menteeIds: group });
    // «Один на один» does not combine with a group.
    const contradictory = await form(
      formation(mentor, [menteeB, menteeC], { kind: undefined, kinds: ['group', 'traditional'] }),
    );
    expect(contradictory.status).toBe(422);
    expect(codes(contradictory)).toContain('kind.traditionalWithGroup');

    // The organisation's report counts the pair under each of its kinds.
    const report = await system.eventually(
      () => system.request('GET', `/organisations/${organisationId}/reports/monitoring`, as.curator),
      (r) => r.status === 200 && r.body.pairs.total === 1,
    );
    const byKind = Object.fromEntries(
      report.body.pairs.byKind.map((r: { key: string; count: number }) => [r.key, r.count]),
    );
    expect(byKind).toMatchObject({ group: 1, virtual: 1, traditional: 0 });
  });

  it('withdraws a participant through HTTP; the withdrawn person is no longer paired (WithdrawParticipant)', async () => {
    const listed = await system.request('GET', `/programmes/${programmeId}/participants`, as.curator);
    const participant = listed.body.find((p: { personId: string; status: string }) => p.personId === mentor);
    const url = `/programmes/${programmeId}/participants/${participant.participantId}/withdraw`;
    expect((await system.request('POST', url, as.mentor, { reason: 'Увольнение' })).status).toBe(403);
    const blank = await system.request('POST', url, as.curator, { reason: '' });
    expect(blank.status).toBe(400);
    expect(blank.body.errors[0]).toMatchObject({ field: 'reason', constraint: 'isNotEmpty' });
    const unknown = await system.request(
      'POST',
      `/programmes/${programmeId}/participants/${randomUUID()}/withdraw`,
      as.curator,
      { reason: 'Увольнение' },
    );
    expect(unknown.status).toBe(404);

    const withdrawn = await system.request('POST', url, as.curator, { reason: ' Увольнение ' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawalReason: 'Увольнение' });
    const twice = await system.request('POST', url, as.curator, { reason: 'Увольнение' });
    expect(twice.status).toBe(422);
    expect(twice.body.code).toBe('participant.alreadyWithdrawn');
    await system.eventually(
      () => system.request('GET', `/programmes/${programmeId}/participants`, as.curator),
      (r) =>
        r.body.some((p: { personId: string; status: string }) => p.personId === mentor && p.status === 'withdrawn'),
    );
    const refused = await form(formation(mentor, [menteeB]));
    expect(refused.status).toBe(422);
    expect(codes(refused)).toEqual([`mentor.${mentor}.notSelected`]);
  });

  it('removes staff through HTTP (RemoveStaff): the director may, a curator may not', async () => {
    const assigned = await system.request('POST', `/organisations/${organisationId}/staff`, as.director, {
      personId: staffTutor,
      role: 'tutor',
    });
    expect(assigned.status).toBe(200);
    const url = `/organisations/${organisationId}/staff/remove`;
    expect((await system.request('POST', url, as.curator, { personId: staffTutor, role: 'tutor' })).status).toBe(403);
    const notHeld = await system.request('POST', url, as.director, { personId: staffTutor, role: 'methodologist' });
    expect(notHeld.status).toBe(422);
    expect(notHeld.body.code).toBe('organisation.staff.notAssigned');
    const removed = await system.request('POST', url, as.director, { personId: staffTutor, role: 'tutor' });
    expect(removed.status).toBe(200);
    expect(removed.body.staff.some((m: { personId: string }) => m.personId === staffTutor)).toBe(false);
  });
});
