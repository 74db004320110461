import { useState } from 'react';
import { useNavigate } from 'react-router';
import { postJson } from '../../api';
import { useSession } from '../../auth';
import { SelectField } from '../../components/ui';
import { practiceAuthorRoles, type Practice } from './practice';
import { PracticeFormFields } from './PracticeFormFields';

/** «Предложить практику»: the author's organisation (where they mentor, curate or tutor), then the practice. */
export function SubmitPractice() {
  const session = useSession();
  const navigate = useNavigate();
  const organisations = [
    ...new Set(
      session.me.assignments
        .filter((a) => (practiceAuthorRoles as readonly string[]).includes(a.role) && a.organisationId)
        .map((a) => a.organisationId as string),
    ),
  ];
  const [organisationId, setOrganisationId] = useState(organisations[0] ?? '');
  return (
    <section aria-labelledby="submit-practice-title">
      <h1 id="submit-practice-title">Предложить практику</h1>
      <p className="hint">
        Практику рассмотрит методическая комиссия организации или региональный оператор; после публикации её найдут
        педагоги региона.
      </p>
      <PracticeFormFields
        title="Предложить практику"
        submitLabel="Предложить практику"
        before={
          organisations.length > 1 ? (
            <SelectField
              label="Организация"
              field="organisationId"
              value={organisationId}
              onChange={setOrganisationId}
              options={organisations.map((id) => [id, session.organisations.get(id)?.name ?? 'Организация'] as const)}
            />
          ) : null
        }
        send={async (content) => {
          const practice = await postJson<Practice>('/practices', { organisationId, ...content });
          void navigate(`/practices/${practice.practiceId}`);
        }}
      />
    </section>
  );
}
