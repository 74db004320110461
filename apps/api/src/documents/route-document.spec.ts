import mammoth from 'mammoth';
import {
  evolveRoute,
  initialRouteState,
  roadMapColumnLabels,
  routeTitlePageLabels,
  type CreatedRoute,
  type RouteEvent,
} from '@mentorflow/domain';
import {
  code,
  created,
  diagnosticsRecorded,
  draftSubmitted,
  goalFixed,
  stageChanged,
  tAgree,
} from '@mentorflow/domain/route/route.fixtures';
import { blank, renderDocx } from './document-kit';
import { routeDocument, type RouteDocumentContext } from './route-document';

const routeOf = (...events: RouteEvent[]) => events.reduce(evolveRoute, initialRouteState()) as CreatedRoute;
const textOf = async (route: CreatedRoute, context: RouteDocumentContext) =>
  (await mammoth.extractRawText({ buffer: await renderDocx(routeDocument(route, context)) })).value;

const context: RouteDocumentContext = {
  organisation: { name: 'МБОУ «Школа № 5»' },
  teacher: { fullName: 'Смирнова Елена Павловна', workEmail: 'smirnova@school5.ru' },
  methodologist: { fullName: 'Орлова Наталья Викторовна', positions: ['методист'] },
  tutor: {
    fullName: 'Белов Андрей Игоревич',
    positions: ['тьютор', 'педагог-психолог'],
    workPhone: '+7 8482 20-00-02',
  },
};

describe('the ИОМ document (003 §5)', () => {
  it('given a route in implementation with one activity marked done, lays out every title-page field and road-map column', async () => {
    const route = routeOf(
      created,
      goalFixed(),
      diagnosticsRecorded,
      draftSubmitted(),
      stageChanged('design', 'implementation', tAgree),
      {
        type: 'ActivityDoneMarked',
        data: {
          routeId: created.data.routeId,
          rowId: 'row-1',
          doneOn: '2026-11-20',
          result: 'Удостоверение № 123',
          markedAt: '2026-11-20T10:00:00.000Z',
          markedBy: 'teacher-1',
        },
      },
    );
    const text = await textOf(route, context);
    // Every field of the title page is there, filled or left for the hand.
    expect(Object.values(routeTitlePageLabels).filter((label) => !text.includes(`${label}\n\n`))).toEqual([]);
    for (const passage of [
      `Код ИОМ: ${code}`,
      `${routeTitlePageLabels.teacherName}\n\nСмирнова Елена Павловна`,
      // The birth date is not shown to this reader: a line for the hand.
      `${routeTitlePageLabels.birthDate}\n\n${blank(20)}`,
      `${routeTitlePageLabels.lastAttestationDate}\n\n«15» марта 2024 г.`,
      `${routeTitlePageLabels.diagnosticsDates}\n\n«28» апреля 2026 г. (входная)`,
      `${routeTitlePageLabels.tutor}\n\nБелов Андрей Игоревич\n\nдолжность: тьютор, педагог-психолог\n\nэлектронная почта: ${blank(20)}\n\nтелефон: +7 8482 20-00-02`,
      roadMapColumnLabels.join('\n\n'),
      '1\n\nИКТ-компетенции\n\nКурс «Цифровые инструменты учителя» из федерального реестра ДПП',
      '«20» декабря 2026 г.\n\nвыбрано\n\nВыполнено «20» ноября 2026 г.: Удостоверение № 123 (ожидает подтверждения тьютором)',
      'Всего мероприятий: 3, из них выполнено: 1; всего часов: 62.',
      'ИКТ-компетенции\n\n35 % — Дефицитный',
      'Записей в портфолио пока нет.',
    ]) {
      expect(text).toContain(passage);
    }
  });

  it('prints the title of the bank’s practice an «изучение практики» activity links (issue 28)', async () => {
    const practiceRow = {
      rowId: 'row-p',
      competence: 'ict' as const,
      activity: 'Изучить опыт коллег',
      activityKind: 'practiceStudy' as const,
      tasks: 'Перенести приёмы на свои уроки',
      hours: 4,
      deadline: '2026-12-01',
      practiceId: 'practice-1',
    };
    const route = routeOf(created, goalFixed(), diagnosticsRecorded, draftSubmitted(undefined, true, [practiceRow]));
    const text = await textOf(route, {
      ...context,
      practices: [{ practiceId: 'practice-1', title: 'Школа молодого педагога' }],
    });
    expect(text).toContain(
      'Изучить опыт коллег\n\n(Изучение практики из банка лучших практик)\n\nПрактика из банка: «Школа молодого педагога»',
    );
  });

  it('given a route just created, says the road map is not agreed and no diagnostics has been held', async () => {
    const text = await textOf(routeOf(created), context);
    expect(text).toContain('Дорожная карта ещё не согласована.');
    expect(text).toContain('Диагностика уровня сформированности компетенций ещё не проводилась.');
    expect(text).toContain(`${routeTitlePageLabels.goal}\n\n${blank(20)}`);
  });
});
