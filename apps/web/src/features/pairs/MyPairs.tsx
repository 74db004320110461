/**
 * «Мои пары» (a mentor's), «Моя пара» (a mentee's), and the pairs a commission head supervises: each pair by
 * its people's names with its programme's term, the next activity and what is overdue, opening its page.
 */
import { Link } from 'react-router';
import { useSession } from '../../auth';
import { Badge, ErrorBox, Loading, ShowMore, usePaged } from '../../components/ui';
import { formatNumericDate, todayIn } from '../../format';
import { pairStatusLabels } from '../../labels';
import type { Pair } from '../../types';
import { usePairName } from './PairPage';

/** The page's title (the menu's) and which pairs it lists, by the reader's role. */
function pairsScope(session: ReturnType<typeof useSession>): { title: string; query: string } {
  const me = session.me.sub;
  if (session.has('mentor')) return { title: 'Мои пары', query: `mentorId=${me}` };
  if (session.has('mentee')) return { title: 'Моя пара', query: `menteeId=${me}` };
  return { title: 'Пары под контролем', query: 'status=active' };
}

export function MyPairs() {
  const session = useSession();
  const { title, query } = pairsScope(session);
  const pairs = usePaged<Pair>(`/pairs?${query}`, []);
  const pairName = usePairName();
  return (
    <section aria-labelledby="pairs-title">
      <h1 id="pairs-title">{title}</h1>
      <ErrorBox error={pairs.error} />
      {pairs.loading && !pairs.loaded ? <Loading what="Загрузка пар" /> : null}
      {pairs.loaded && pairs.items.length === 0 ? <p className="empty">Пар пока нет.</p> : null}
      <ul className="pair-cards">
        {pairs.items.map((p) => {
          const overdue = Object.values(p.tasks ?? {}).filter((t) => t.status === 'overdue').length;
          const today = todayIn(session.timeZoneOf(p.organisationId));
          const next = p.personalProgramme?.activities
            .filter((a) => a.plannedDate >= today)
            .sort((a, b) => a.plannedDate.localeCompare(b.plannedDate))[0];
          return (
            <li key={p.pairId} className="card">
              <h2>
                <Link to={`/pairs/${p.pairId}`}>{pairName(p)}</Link>
              </h2>
              <p>
                <Badge tone={p.status === 'active' ? 'info' : 'neutral'}>{pairStatusLabels[p.status]}</Badge>{' '}
                {overdue ? <Badge tone="danger">{`Просрочено задач: ${overdue}`}</Badge> : null}
              </p>
              <p>
                {p.personalProgramme
                  ? `Программа ${formatNumericDate(p.personalProgramme.start)} — ${formatNumericDate(p.personalProgramme.end)}: ${p.personalProgramme.directions.join('; ')}`
                  : 'Персонализированная программа ещё не утверждена'}
              </p>
              {next ? <p>{`Ближайшее мероприятие: ${next.title}, ${formatNumericDate(next.plannedDate)}`}</p> : null}
            </li>
          );
        })}
      </ul>
      <ShowMore list={pairs} what="пары" />
    </section>
  );
}
