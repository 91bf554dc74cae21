import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoaded } from '../admin/use-loaded.ts';
import { addPoints, fetchPoints, type PointsKind } from '../api/registry-members.api.ts';
import { todayInChina } from '../planner/today.ts';
import { ActionPanel } from './action-panel.tsx';
import { FormField } from './form-field.tsx';
import { RecordSection } from './record-section.tsx';

const addableKinds: readonly PointsKind[] = ['activity', 'service', 'wish', 'adjustment'];

/** 积分台账: every change of a member's points, the balance, and (for registry.edit) a row added. */
export function PointsLedger({ memberId, canEdit, onChanged }: { memberId: number; canEdit: boolean; onChanged: () => void }) {
  const { t } = useTranslation('registry');
  const ledger = useLoaded(useCallback((signal: AbortSignal) => fetchPoints(memberId, signal), [memberId]));
  const [kind, setKind] = useState<PointsKind>('activity');
  const [points, setPoints] = useState('');
  const [earnedOn, setEarnedOn] = useState(todayInChina());
  const [note, setNote] = useState('');
  const entries = ledger.value?.entries ?? [];
  return (
    <RecordSection
      title={t('points.title')}
      testId="points-ledger"
      extra={
        ledger.value && (
          <strong className="points-balance" data-testid="points-balance" data-balance={ledger.value.balance}>
            {t('points.balance', { balance: ledger.value.balance })}
          </strong>
        )
      }
    >
      {canEdit && (
        <ActionPanel
          label={t('points.add')}
          testId="points-add"
          check={() => {
            const errors: Record<string, string> = {};
            if (points.trim() !== '' && !/^-?\d+$/.test(points.trim())) errors['points'] = t('validation.number');
            if (kind === 'adjustment' && points.trim() === '') errors['points'] = t('validation.required');
            if (kind === 'adjustment' && note.trim() === '') errors['note'] = t('validation.required');
            return errors;
          }}
          send={() =>
            addPoints(memberId, {
              kind,
              earned_on: earnedOn,
              ...(points.trim() === '' ? {} : { points: Number(points) }),
              ...(note.trim() === '' ? {} : { note: note.trim() }),
            })
          }
          done={() => {
            setPoints('');
            setNote('');
            ledger.reload();
            onChanged();
          }}
        >
          {(errors) => (
            <div className="form-grid">
              <FormField label={t('points.kind')} name="kind" errors={errors}>
                <select value={kind} onChange={(event) => setKind(event.target.value as PointsKind)} data-testid="points-kind">
                  {addableKinds.map((k) => (
                    <option key={k} value={k}>
                      {t(`points.kinds.${k}`)}
                    </option>
                  ))}
                </select>
              </FormField>
              <FormField label={t('points.value')} name="points" errors={errors} hint={t('points.pointsHint')}>
                <input value={points} onChange={(event) => setPoints(event.target.value)} inputMode="numeric" data-testid="points-value" />
              </FormField>
              <FormField label={t('points.earnedOn')} name="earned_on" errors={errors}>
                <input type="date" value={earnedOn} onChange={(event) => setEarnedOn(event.target.value)} />
              </FormField>
              <FormField label={t('points.note')} name="note" errors={errors}>
                <input value={note} onChange={(event) => setNote(event.target.value)} maxLength={200} data-testid="points-note" />
              </FormField>
            </div>
          )}
        </ActionPanel>
      )}
      <div className="registry-scroll">
        <table className="registry-table" data-testid="points-table">
          <thead>
            <tr>
              <th>{t('points.earnedOn')}</th>
              <th>{t('points.kind')}</th>
              <th className="number">{t('points.value')}</th>
              <th>{t('points.note')}</th>
            </tr>
          </thead>
          <tbody>
            {[...entries]
              .sort((a, b) => (a.earned_on === b.earned_on ? b.id - a.id : a.earned_on < b.earned_on ? 1 : -1))
              .map((entry) => (
                <tr key={entry.id} data-testid="points-row" data-kind={entry.kind}>
                  <td>{entry.earned_on}</td>
                  <td>{t(`points.kinds.${entry.kind}` as 'points.kinds.activity', { defaultValue: entry.kind })}</td>
                  <td className={entry.points < 0 ? 'number negative' : 'number'}>{entry.points > 0 ? `+${entry.points}` : entry.points}</td>
                  <td>{entry.note ?? ''}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      {ledger.error && <p className="form-error">{ledger.error.message}</p>}
    </RecordSection>
  );
}
