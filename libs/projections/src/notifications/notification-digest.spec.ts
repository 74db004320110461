import type { TaskView } from '@mentorflow/domain';
import { composeDigest, renderDigest } from './notification-digest';
import { signUnsubscribeToken, UNSUBSCRIBE_TOKEN_TTL_MS, verifyUnsubscribeToken } from './unsubscribe-token';
import { renderNotification } from './notification-templates';

describe('the daily digest', () => {
  // A fixed day: the digest's date comes from the schedule (or the test), never from the machine's clock.
  const date = '2026-05-14';

  it('given open tasks due today, overdue and later, and held news, groups them; a later task alone is only news', () => {
    const digest = composeDigest(
      date,
      [
        { taskId: 'due-today', status: 'open', dueLocalDate: '2026-05-14' },
        { taskId: 'overdue-marked', status: 'overdue', dueLocalDate: '2026-05-12' },
        { taskId: 'overdue-not-yet-marked', status: 'open', dueLocalDate: '2026-05-13' },
        { taskId: 'later', status: 'open', dueLocalDate: '2026-05-20' },
        { taskId: 'pending-year', status: 'open' },
      ],
      [
        { taskId: 'later', kind: 'TaskRaised' },
        { taskId: 'due-today', kind: 'TaskReminded' },
        { taskId: 'later', kind: 'TaskReminded' },
      ],
    );
    expect(digest).toEqual({
      date,
      dueToday: ['due-today'],
      overdue: ['overdue-marked', 'overdue-not-yet-marked'],
      news: [{ taskId: 'later', kind: 'TaskRaised' }],
    });
  });

  it('given nothing due, overdue or held, composes no digest: no empty letters', () => {
    expect(composeDigest(date, [{ taskId: 'later', status: 'open', dueLocalDate: '2026-06-01' }], [])).toBeUndefined();
    expect(composeDigest(date, [{ taskId: 'done', status: 'done', dueLocalDate: date }], [])).toBeUndefined();
  });

  it('renders the groups in Russian, each task with its deadline and link, and the unsubscribe link, in text and HTML', () => {
    const task = (id: string, title: string, due: string): TaskView =>
      ({ taskId: id, title, dueLocalDate: due, subject: { type: 'route', id } }) as unknown as TaskView;
    const message = renderDigest({
      date,
      dueToday: [task('11111111-1111-4111-8111-111111111111', 'Составить проект ИОМ', '2026-05-14')],
      overdue: [task('22222222-2222-4222-8222-222222222222', 'Проверить контрольную точку', '2026-05-12')],
      news: [
        { task: task('33333333-3333-4333-8333-333333333333', 'Доработать ИОМ', '2026-05-20'), kind: 'TaskRaised' },
      ],
      recipientName: 'Методистова Мария Петровна',
      publicUrl: 'https://mentorflow.example.ru',
      unsubscribeUrl: 'https://mentorflow.example.ru/notifications/unsubscribe?token=t',
    });
    expect(message.subject).toBe('Сводка задач на 14.05.2026');
    for (const body of [message.text, message.html]) {
      expect(body).toContain('Здравствуйте, Методистова Мария Петровна!');
      expect(body).toContain('Срок сегодня');
      expect(body).toContain('Просрочено');
      expect(body).toContain('Новое с прошлой сводки');
      expect(body).toContain('Новая задача: ');
      expect(body).toContain('срок 12.05.2026');
      expect(body).toContain('https://mentorflow.example.ru/app/routes/33333333-3333-4333-8333-333333333333');
      expect(body).toContain('https://mentorflow.example.ru/notifications/unsubscribe?token=t');
    }
  });
});

describe('unsubscribe links', () => {
  const secret = 'unit-unsubscribe-secret-0123456789abcdef';
  const issuedAt = new Date('2026-05-14T05:00:00Z');
  const claim = { personId: '44444444-4444-4444-8444-444444444444', kind: 'TaskReminded' };

  it('given a signed token, yields its person and kind within a year; not after', () => {
    const token = signUnsubscribeToken(claim, secret, issuedAt);
    expect(verifyUnsubscribeToken(token, secret, new Date(issuedAt.getTime() + 86_400_000))).toEqual(claim);
    expect(verifyUnsubscribeToken(token, secret, new Date(issuedAt.getTime() + UNSUBSCRIBE_TOKEN_TTL_MS + 1))).toBe(
      undefined,
    );
  });

  it('given a token changed to another person, or signed with another secret, yields nothing', () => {
    const token = signUnsubscribeToken(claim, secret, issuedAt);
    const [, signature] = token.split('.');
    const other = Buffer.from(JSON.stringify({ p: 'someone-else', k: 'TaskReminded', i: issuedAt.getTime() })).toString(
      'base64url',
    );
    expect(verifyUnsubscribeToken(`${other}.${signature}`, secret, issuedAt)).toBeUndefined();
    expect(verifyUnsubscribeToken(signUnsubscribeToken(claim, 'x'.repeat(40), issuedAt), secret, issuedAt)).toBe(
      undefined,
    );
    expect(verifyUnsubscribeToken('garbage', secret, issuedAt)).toBeUndefined();
  });

  it('every task message carries the unsubscribe link in text and HTML', () => {
    const url = 'https://mentorflow.example.ru/notifications/unsubscribe?token=abc';
    const message = renderNotification({
      kind: 'TaskReminded',
      task: { title: 'Задача', subject: { type: 'route', id: 'r' }, dueLocalDate: '2026-05-14' },
      publicUrl: 'https://mentorflow.example.ru',
      unsubscribeUrl: url,
    });
    expect(message.text).toContain(`Отписаться от таких писем: ${url}`);
    expect(message.html).toContain(`<a href="${url}">Отписаться от таких писем</a>`);
  });
});
