import { deciderSpec } from '../shared/testing';
import type { CommandMetadata } from '../shared/decider';
import type { PracticeCommand, SubmitPractice } from './practice.commands';
import type { PracticeContent, PracticeEvent } from './practice.events';
import { practiceDecider } from './practice.decider';

const spec = deciderSpec(practiceDecider);
const now = '2026-10-05T09:00:00.000Z';
const later = '2026-10-07T09:00:00.000Z';
const mentor: CommandMetadata = { actorId: 'mentor-1', role: 'mentor', now };
const commissionHead: CommandMetadata = { actorId: 'head-1', role: 'commissionHead', now: later };
const coordinator: CommandMetadata = { actorId: 'coordinator-1', role: 'regionalCoordinator', now: later };

const content: PracticeContent = {
  title: '  Школа молодого педагога ',
  form: 'teacherTeacher',
  problem: 'Трудности адаптации молодых специалистов в первый год работы',
  whatWasDone: 'Еженедельные встречи, взаимопосещение уроков',
  results: 'Все молодые педагоги остались в школе',
  evidence: 'Анкетирование, протоколы посещений',
  subject: 'Математика',
  level: 'municipal',
};
const stored = { ...content, title: 'Школа молодого педагога' };

const submit = (patch: Partial<SubmitPractice['data']> = {}, metadata = mentor): PracticeCommand => ({
  type: 'SubmitPractice',
  data: { practiceId: 'practice-1', organisationId: 'org-1', ...content, ...patch },
  metadata,
});
const returnIt = (comment: string, metadata = commissionHead): PracticeCommand => ({
  type: 'ReturnPractice',
  data: { comment },
  metadata,
});
const publish = (metadata = coordinator): PracticeCommand => ({ type: 'PublishPractice', data: {}, metadata });
const resubmit = (patch: Partial<PracticeContent> = {}, metadata = mentor): PracticeCommand => ({
  type: 'ResubmitPractice',
  data: { ...content, ...patch },
  metadata: { ...metadata, now: '2026-10-08T09:00:00.000Z' },
});

const submitted: PracticeEvent = {
  type: 'PracticeSubmitted',
  data: {
    practiceId: 'practice-1',
    organisationId: 'org-1',
    ...stored,
    authorId: 'mentor-1',
    authorRole: 'mentor',
    submittedAt: now,
    submittedBy: 'mentor-1',
  },
};
const returned: PracticeEvent = {
  type: 'PracticeReturned',
  data: { practiceId: 'practice-1', comment: 'Добавьте цифры', returnedAt: later, returnedBy: 'head-1' },
};
const published: PracticeEvent = {
  type: 'PracticePublished',
  data: { practiceId: 'practice-1', publishedAt: later, publishedBy: 'coordinator-1' },
};

describe('bank of best practices (issue 28)', () => {
  describe('submitting', () => {
    it('records the practice with its author, trimmed texts and the time of the command', () =>
      spec.given([]).when(submit()).then([submitted]));

    it('keeps https attachments', () =>
      spec
        .given([])
        .when(submit({ attachments: ['https://disk.example.ru/practice.pdf'] }))
        .then([
          {
            ...submitted,
            data: { ...submitted.data, attachments: ['https://disk.example.ru/practice.pdf'] },
          } as PracticeEvent,
        ]));

    it('lets only a mentor, a curator or a tutor submit', () =>
      spec
        .given([])
        .when(submit({}, { ...mentor, role: 'mentee' }))
        .thenRefuses('practice.forbidden'));

    it('names every missing or wrong field', () =>
      spec
        .given([])
        .when(
          submit({
            title: ' ',
            results: '',
            level: 'federal' as never,
            attachments: ['javascript:alert(1)'],
          }),
        )
        .thenRefuses('practice.invalid', ['title.missing', 'results.missing', 'level.unknown', 'attachments.invalid']));

    it('refuses a second submission under the same id as a conflict', () =>
      spec.given([submitted]).when(submit()).thenRefuses('practice.exists.conflict'));
  });

  describe('review', () => {
    it('returns the practice to its author with the comment', () =>
      spec.given([submitted]).when(returnIt('  Добавьте цифры ')).then([returned]));

    it('refuses a return without a comment, naming it', () =>
      spec.given([submitted]).when(returnIt(' ')).thenRefuses('practice.return.invalid', ['comment.missing']));

    it('publishes a practice awaiting review', () => spec.given([submitted]).when(publish()).then([published]));

    it('keeps the reviewer’s note on publishing', () =>
      spec
        .given([submitted])
        .when({ type: 'PublishPractice', data: { comment: ' Рекомендуем району ' }, metadata: coordinator })
        .then([{ ...published, data: { ...published.data, comment: 'Рекомендуем району' } } as PracticeEvent]));

    it('lets only the commission head, the regional coordinator or an administrator review', () =>
      spec
        .given([submitted])
        .when(publish({ ...coordinator, role: 'curator' }))
        .thenRefuses('practice.review.forbidden'));

    it('does not let an author review their own practice', () =>
      spec
        .given([submitted])
        .when(publish({ ...coordinator, actorId: 'mentor-1' }))
        .thenRefuses('practice.review.own'));

    it('refuses to publish twice, and to publish a returned practice', () => {
      spec.given([submitted, published]).when(publish()).thenRefuses('practice.published.conflict');
      spec.given([submitted, returned]).when(publish()).thenRefuses('practice.returned.conflict');
    });

    it('refuses to review a practice that does not exist', () =>
      spec.given([]).when(publish()).thenRefuses('practice.notFound'));
  });

  describe('resubmitting', () => {
    it('takes the author’s corrected practice back to review', () =>
      spec
        .given([submitted, returned])
        .when(resubmit({ results: 'Все 4 молодых педагога остались в школе' }))
        .then([
          {
            type: 'PracticeResubmitted',
            data: {
              practiceId: 'practice-1',
              ...stored,
              results: 'Все 4 молодых педагога остались в школе',
              resubmittedAt: '2026-10-08T09:00:00.000Z',
              resubmittedBy: 'mentor-1',
            },
          },
        ]));

    it('lets only the author resubmit', () =>
      spec
        .given([submitted, returned])
        .when(resubmit({}, { ...mentor, actorId: 'mentor-2' }))
        .thenRefuses('practice.resubmit.forbidden'));

    it('refuses to resubmit a practice that was not returned', () =>
      spec.given([submitted]).when(resubmit()).thenRefuses('practice.resubmit.conflict'));

    it('goes submitted → returned → submitted → published, keeping every comment', () => {
      const resubmitted: PracticeEvent = {
        type: 'PracticeResubmitted',
        data: { practiceId: 'practice-1', ...stored, resubmittedAt: later, resubmittedBy: 'mentor-1' },
      };
      const state = [submitted, returned, resubmitted, published].reduce(
        practiceDecider.evolve,
        practiceDecider.initialState(),
      );
      expect(state).toMatchObject({
        status: 'published',
        authorId: 'mentor-1',
        returns: [{ comment: 'Добавьте цифры' }],
        publishedBy: 'coordinator-1',
      });
    });
  });
});
