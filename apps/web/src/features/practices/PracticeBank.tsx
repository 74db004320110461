import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../auth';
import {
  Badge,
  ErrorBox,
  InputField,
  Loading,
  SelectField,
  ShowMore,
  labelledOptions,
  usePaged,
} from '../../components/ui';
import { useFormValues } from '../../components/form-values';
import { formatDay } from '../../format';
import { pairFormLabels, practiceLevelLabels, practiceStatusLabels } from '../../labels';
import {
  practiceAuthorRoles,
  practiceStatusTone,
  type Practice,
  type PracticeForm,
  type PracticeLevel,
  type PracticeStatus,
} from './practice';

interface Filters {
  q: string;
  form: PracticeForm | '';
  subject: string;
  level: PracticeLevel | '';
  status: PracticeStatus | '';
}

const empty: Filters = { q: '', form: '', subject: '', level: '', status: '' };

const queryOf = (filters: Filters): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value.trim()) params.set(key, value.trim());
  const query = params.toString();
  return query ? `/practices?${query}` : '/practices';
};

/**
 * «Банк практик» (issue 28): the region's published practices for everyone, full-text search in Russian (word
 * forms match) and filters; the author's own and the reviewer's queue beside them.
 */
export function PracticeBank() {
  const session = useSession();
  const { values: draft, bind } = useFormValues(empty);
  const [filters, setFilters] = useState<Filters>(empty);
  const practices = usePaged<Practice>(queryOf(filters), []);
  const search = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  return (
    <section aria-labelledby="practices-title">
      <h1 id="practices-title">Банк практик</h1>
      {session.has(...practiceAuthorRoles) ? (
        <p>
          <Link to="/practices/new" className="button-primary">
            Предложить практику
          </Link>
        </p>
      ) : null}
      <form onSubmit={search} role="search" aria-label="Поиск практик" className="form-grid">
        <InputField label="Поиск по тексту" {...bind('q')} type="search" />
        <SelectField
          label="Форма наставничества"
          {...bind('form')}
          options={labelledOptions(pairFormLabels)}
          empty="Любая"
        />
        <InputField label="Предмет или направление" {...bind('subject')} />
        <SelectField label="Уровень" {...bind('level')} options={labelledOptions(practiceLevelLabels)} empty="Любой" />
        <SelectField
          label="Статус"
          {...bind('status')}
          options={labelledOptions(practiceStatusLabels)}
          empty="Все доступные"
        />
        <div className="actions">
          <button type="submit" className="button-primary">
            Найти
          </button>
        </div>
      </form>
      <ErrorBox error={practices.error} />
      {!practices.loaded && !practices.error ? <Loading /> : null}
      {practices.loaded && practices.items.length === 0 ? <p className="empty">Практик не найдено.</p> : null}
      <ul className="card-list" aria-label="Найденные практики">
        {practices.items.map((p) => (
          <li key={p.practiceId} className="card">
            <h2>
              <Link to={`/practices/${p.practiceId}`}>{p.content.title}</Link>
            </h2>
            <p>
              {p.authorName ?? 'Автор'} · {p.organisationName ?? ''}
            </p>
            <p>
              {p.formLabel} · {p.content.subject} · {p.levelLabel}
            </p>
            <p>
              <Badge tone={practiceStatusTone[p.status]}>{p.statusLabel}</Badge>{' '}
              {p.publishedAt ? formatDay(p.publishedAt, session.timeZoneOf(p.organisationId)) : null}
            </p>
          </li>
        ))}
      </ul>
      <ShowMore list={practices} what="практик" />
    </section>
  );
}
