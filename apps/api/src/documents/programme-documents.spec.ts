import mammoth from 'mammoth';
import {
  evolvePair,
  initialPairState,
  personalProgrammeVersionsOf,
  type FormedPair,
  type PairEvent,
} from '@mentorflow/domain';
import { approved, formed, reportTime } from '@mentorflow/domain/pair/pair.fixtures';
import { renderDocx, type Block } from './document-kit';
import type { PairDocumentContext } from './pair-documents';
import { mentorFinalReportDocument, personalProgrammeDocument } from './programme-documents';

const pairOf = (...events: PairEvent[]) => events.reduce(evolvePair, initialPairState()) as FormedPair;
const textOf = async (blocks: Block[]) => (await mammoth.extractRawText({ buffer: await renderDocx(blocks) })).value;

const context: PairDocumentContext = {
  organisation: { name: 'МБОУ «Школа № 5»' },
  timeZone: 'Europe/Moscow',
  names: new Map([['mentor-1', 'Иванова Мария Петровна']]),
};

describe('the personalised programme', () => {
  it('given an approved programme, lays out version 1 with its activities, control dates and blanks for the hand', async () => {
    const pair = pairOf(formed(), ...approved);
    const [version] = personalProgrammeVersionsOf(pair);
    const text = await textOf(personalProgrammeDocument(pair, version!, true, context));
    for (const passage of [
      'Версия 1 от «01» сентября 2026 г.',
      'Наставник: Иванова Мария Петровна',
      '1) Методика преподавания',
      '2) Оценивание',
      `1\n\nПосещение уроков наставника\n\n«15» сентября 2026 г.\n\n${'_'.repeat(10)}`,
      'Промежуточный контроль\n\n«15» января 2027 г.',
      'Итоговый контроль\n\n«31» мая 2027 г.',
    ]) {
      expect(text).toContain(passage);
    }
    expect(text).not.toContain('Основание корректировки');
  });
});

describe('the mentor’s final report', () => {
  it('given a report without proposals, has the conclusion and no proposals section', async () => {
    const pair = pairOf(formed(), ...approved, {
      type: 'MentorFinalReportSubmitted',
      data: {
        pairId: 'pair-1',
        taskId: 'task-report',
        mentorId: 'mentor-1',
        conclusion: 'Адаптация пройдена',
        submittedAt: reportTime,
      },
    });
    const text = await textOf(mentorFinalReportDocument(pair, pair.mentorFinalReport!, context));
    expect(text).toContain('1. Заключение о результатах адаптации наставляемого\n\nАдаптация пройдена');
    expect(text).toContain('Наставник, «18» мая 2027 г.');
    expect(text).not.toContain('Предложения по дальнейшей работе');
  });
});
