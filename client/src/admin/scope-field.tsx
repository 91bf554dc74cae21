import { useTranslation } from 'react-i18next';
import type { ScopeArea } from './scope-areas.ts';

export interface ScopeFieldProps {
  areas: readonly ScopeArea[];
  value: string;
  onChange(code: string): void;
  testId: string;
}

/** 范围: the area a new account or wall token is given, among those in the admin's scope. */
export function ScopeField({ areas, value, onChange, testId }: ScopeFieldProps) {
  const { t } = useTranslation();
  return (
    <label className="field">
      <span>{t('admin.scope')}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {areas.map((a) => (
          <option key={a.code} value={a.code}>
            {a.name}
          </option>
        ))}
      </select>
    </label>
  );
}
