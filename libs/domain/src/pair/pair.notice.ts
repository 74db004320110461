// Ending the mentoring early on a participant's written notice (Labour Code art. 351.8: at least 3 working days).
import { isIsoDate, notInFutureProblems, parseInstant, russianDate } from '../shared/dates';
import { refuse, unmetIf } from '../shared/rules';
import type { EndPairOnNotice, GiveTerminationNotice } from './pair.commands';
import type { PairEvent } from './pair.events';
import { type PairState } from './pair.state';
import { pairTerminated, requireOpen } from './pair.guards';

/** Art. 351.8: the party ending the mentoring warns the other at least this many working days ahead. */
export const terminationNoticeWorkingDays = 3;

export const giveTerminationNotice = ({ data, metadata }: GiveTerminationNotice, current: PairState): PairEvent[] => {
  const pair = requireOpen(current);
  const givenByRole =
    metadata.actorId === pair.mentorId ? 'mentor' : pair.menteeIds.includes(metadata.actorId) ? 'mentee' : undefined;
  if (givenByRole === undefined) {
    return refuse(
      'pair.forbidden',
      'Письменное заявление о досрочном прекращении наставничества подаёт наставник или наставляемый этой пары/группы',
    );
  }
  if (pair.terminationNotice !== undefined) {
    return refuse(
      'pair.notice.alreadyGiven',
      `Заявление о досрочном прекращении уже подано: наставничество прекращается ${russianDate(pair.terminationNotice.endsOn)}`,
    );
  }
  const problems = [
    ...unmetIf(
      !isIsoDate(data.noticeDate),
      'notice.date.invalid',
      'Дата письменного заявления должна быть в формате ГГГГ-ММ-ДД',
    ),
    ...notInFutureProblems(data.noticeDate, metadata, 'notice.date.inFuture', 'Дата письменного заявления'),
    ...unmetIf(
      isIsoDate(data.noticeDate) && data.noticeDate < pair.term.start,
      'notice.date.beforeTerm',
      `Дата заявления раньше начала наставничества (${russianDate(pair.term.start)})`,
    ),
    ...unmetIf(
      !isIsoDate(data.endsOn) || parseInstant(data.endsAt) === undefined || data.endsOn <= data.noticeDate,
      'notice.end.invalid',
      'День прекращения по заявлению рассчитан неверно',
    ),
  ];
  if (problems.length > 0) {
    return refuse(
      'pair.notice.invalid',
      'Заявление о досрочном прекращении наставничества оформлено неверно',
      problems,
    );
  }
  return [
    {
      type: 'PairTerminationNoticeGiven',
      data: {
        pairId: pair.pairId,
        noticeDate: data.noticeDate,
        givenBy: metadata.actorId,
        givenByRole,
        endsOn: data.endsOn,
        endsAt: data.endsAt,
        recordedAt: metadata.now,
      },
    },
  ];
};

export const endPairOnNotice = ({ metadata }: EndPairOnNotice, current: PairState): PairEvent[] => {
  // No actor check: only the workflow's timer sends this, once the notice period has run.
  const pair = requireOpen(current);
  const notice = pair.terminationNotice;
  if (notice === undefined) return refuse('pair.notice.none', 'Заявления о досрочном прекращении нет');
  const now = parseInstant(metadata.now) ?? Date.parse(metadata.now);
  if (now < (parseInstant(notice.endsAt) ?? 0)) {
    return refuse('pair.notice.notYetDue', `Наставничество прекращается по заявлению ${notice.endsOn}`);
  }
  const who = notice.givenByRole === 'mentor' ? 'наставника' : 'наставляемого';
  const reason = `Досрочное прекращение по письменному заявлению ${who} от ${russianDate(notice.noticeDate)}`;
  return pairTerminated(pair, metadata, reason, { notice });
};
