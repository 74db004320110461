import { useState } from 'react';
import { getJson } from '../../api';
import { InputField, SelectField, useDebouncedSearch, useLoad } from '../../components/ui';

interface FoundPractice {
  practiceId: string;
  content: { title: string };
  organisationName: string;
}

/**
 * «Практика из банка» of an «изучение практики» activity: the published practices of the region found by title
 * (the bank's Russian full-text search), one chosen; the API accepts only a published practice of the region.
 */
export function PracticeChoice({
  field,
  error,
  value,
  onChange,
}: {
  field: string;
  error?: unknown;
  value?: string;
  onChange: (practiceId: string | undefined) => void;
}) {
  const [text, setText] = useState('');
  const q = useDebouncedSearch(text);
  const found = useLoad(
    () => getJson<FoundPractice[]>(`/practices?status=published&limit=20${q ? `&q=${encodeURIComponent(q)}` : ''}`),
    [q],
  );
  const options = (found.data ?? []).map((p) => [p.practiceId, `${p.content.title} — ${p.organisationName}`] as const);
  return (
    <>
      <InputField
        label="Поиск практики по названию"
        field={`${field}.search`}
        type="search"
        value={text}
        onChange={setText}
      />
      <SelectField
        label="Практика из банка"
        field={field}
        error={error}
        value={value ?? ''}
        onChange={(id) => onChange(id || undefined)}
        empty={found.loading ? 'Поиск…' : options.length === 0 ? 'Практики не найдены' : 'Выберите практику'}
        options={options}
      />
    </>
  );
}
