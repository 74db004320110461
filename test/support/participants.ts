import type { TestSystem } from './system';

/** The day before today (UTC): a meeting that has been held wherever the organisation is. */
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

/**
 * The commission approves the candidates at one meeting (002 §4.4), and the read model shows them
 * selected: forming a pair takes only selected participants, and the programme gate counts only them.
 */
export async function approveCandidates(
  system: TestSystem,
  programmeId: string,
  token: string,
  participantIds: readonly string[],
): Promise<void> {
  const meeting = await system.request('POST', `/programmes/${programmeId}/commission-meetings`, token, {
    body: 'methodicalCommission',
    date: yesterday(),
    minutesNumber: '1',
    membersPresent: ['Председатель комиссии', 'Член комиссии'],
    decisions: participantIds.map((participantId) => ({ participantId, decision: 'approved' })),
  });
  if (meeting.status !== 201) throw new Error(`Commission meeting not recorded: ${JSON.stringify(meeting.body)}`);
  // Every page of the list (a programme may have more than 100 participants).
  const listed = async () => {
    const all: { participantId: string; status: string }[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await system.request(
        'GET',
        `/programmes/${programmeId}/participants?limit=100&offset=${offset}`,
        token,
      );
      if (page.status !== 200) return { status: page.status, body: all };
      all.push(...(page.body as typeof all));
      if ((page.body as unknown[]).length < 100) return { status: 200, body: all };
    }
  };
  await system.eventually(listed, (r) =>
    participantIds.every((id) => r.body.some((p) => p.participantId === id && p.status === 'registered')),
  );
}

export interface Candidate {
  personId: string;
  role: 'mentor' | 'mentee';
  position?: string;
  teachingExperienceYears?: number;
  subjectExperienceYears?: number;
  menteeCategory?: string;
  subject?: string;
}

/** Proposes the candidates and has the commission approve them: the way a test selects participants. */
export async function selectParticipants(
  system: TestSystem,
  programmeId: string,
  token: string,
  candidates: readonly Candidate[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const candidate of candidates) {
    const registered = await system.request('POST', `/programmes/${programmeId}/participants`, token, {
      position: 'Учитель',
      teachingExperienceYears: candidate.role === 'mentor' ? 10 : 0,
      subjectExperienceYears: candidate.role === 'mentor' ? 5 : 0,
      ...(candidate.role === 'mentee' ? { menteeCategory: 'newSpecialist' } : {}),
      ...candidate,
    });
    if (registered.status !== 201) throw new Error(`Candidate not registered: ${JSON.stringify(registered.body)}`);
    ids.push(registered.body.participantId as string);
  }
  await approveCandidates(system, programmeId, token, ids);
  return ids;
}

/** A college lecturer ('Преподаватель') of 12 years, 8 of them in the subject, proposed as a mentor. */
export const lecturerMentor = (personId: string): Candidate => ({
  personId,
  role: 'mentor',
  position: 'Преподаватель',
  teachingExperienceYears: 12,
  subjectExperienceYears: 8,
});
