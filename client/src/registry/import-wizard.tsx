import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportCrs, RegistryEntity, ImportJob, ImportReport } from '../api/contract.ts';
import { fetchImport, refusedReport, sendImport } from '../api/registry-files.api.ts';
import { serverErrors } from './field-errors.ts';

const apiErrorText = (failure: unknown, fallback: string) => serverErrors(failure, fallback)[''] ?? fallback;

const entities: readonly RegistryEntity[] = ['members', 'orgs', 'places'];
/** CGCS2000 is taken as WGS-84: one choice names both */
const systems = ['wgs84', 'gcj02', 'bd09'] as const satisfies readonly ImportCrs[];
const pollMs = 500;

type Stage = { step: 'choose' } | { step: 'checked'; report: ImportReport } | { step: 'importing'; job: ImportJob } | { step: 'finished'; job: ImportJob };

/** Polls a running import until it is done or failed. */
function useJobPolling(stage: Stage, setStage: (stage: Stage) => void, setError: (error: string | null) => void) {
  const { t } = useTranslation('registry');
  const jobId = stage.step === 'importing' ? stage.job.id : null;
  useEffect(() => {
    if (jobId === null) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = () => {
      fetchImport(jobId).then(
        (job) => {
          if (stopped) return;
          if (job.status === 'running') {
            setStage({ step: 'importing', job });
            timer = setTimeout(poll, pollMs);
          } else setStage({ step: 'finished', job });
        },
        (failure: unknown) => {
          if (!stopped) setError(apiErrorText(failure, t('unavailable')));
        },
      );
    };
    timer = setTimeout(poll, pollMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId, setStage, setError, t]);
}

function ReportTable({ report }: { report: ImportReport }) {
  const { t } = useTranslation('registry');
  return (
    <div className="import-report" data-testid="import-report" data-rows={report.rows} data-good={report.good} data-bad={report.bad.length}>
      <p className={report.bad.length === 0 ? 'import-clean' : 'import-summary'} data-testid="import-summary">
        {t('import.reportSummary', { rows: report.rows, good: report.good, bad: report.bad.length })}
        {report.bad.length === 0 && ` ${t('import.clean')}`}
      </p>
      {report.bad.length > 0 && (
        <div className="registry-scroll report-scroll">
          <table className="registry-table" data-testid="import-report-table">
            <thead>
              <tr>
                <th className="number">{t('import.line')}</th>
                <th>{t('import.column')}</th>
                <th>{t('import.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {report.bad.map((row, index) => (
                <tr key={`${row.line}-${row.column ?? ''}-${index}`} data-testid="import-bad-row" data-line={row.line}>
                  <td className="number">{row.line}</td>
                  <td>{row.column ?? '—'}</td>
                  <td>
                    <strong>{t(`import.problems.${row.code}`)}</strong> <span className="muted">{row.message}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/**
 * 导入台账: choose what and the file and its coordinates; a dry run reports every bad row (line,
 * column, reason) and writes nothing; then import all (when clean) or the good rows (when the bad
 * ones may be skipped), and follow the job until it is done.
 */
export function ImportWizard() {
  const { t } = useTranslation('registry');
  const [entity, setEntity] = useState<RegistryEntity>('members');
  const [crs, setCrs] = useState<ImportCrs>('wgs84');
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useJobPolling(stage, setStage, setError);

  const check = () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    sendImport(file, entity, 'dry_run', crs)
      .then(
        (answer) => setStage(answer.kind === 'report' ? { step: 'checked', report: answer.report } : { step: 'importing', job: answer.job }),
        (failure: unknown) => setError(apiErrorText(failure, t('unavailable'))),
      )
      .finally(() => setBusy(false));
  };
  const run = (mode: 'all' | 'good_rows') => {
    if (!file) return;
    setBusy(true);
    setError(null);
    sendImport(file, entity, mode, crs)
      .then(
        (answer) => setStage(answer.kind === 'job' ? { step: 'importing', job: answer.job } : { step: 'checked', report: answer.report }),
        (failure: unknown) => {
          const report = refusedReport(failure);
          if (report) setStage({ step: 'checked', report });
          else setError(apiErrorText(failure, t('unavailable')));
        },
      )
      .finally(() => setBusy(false));
  };
  const restart = () => {
    setStage({ step: 'choose' });
    setFile(null);
    setError(null);
  };
  const stepIndex = { choose: 0, checked: 1, importing: 2, finished: 2 }[stage.step];
  const locked = stage.step !== 'choose';

  return (
    <section className="registry-record import-wizard" data-testid="import-wizard" data-stage={stage.step}>
      <header className="record-header">
        <div>
          <h2>{t('import.title')}</h2>
          <p className="muted">{t('import.intro')}</p>
        </div>
      </header>
      <ol className="wizard-steps">
        {(['choose', 'check', 'import'] as const).map((step, index) => (
          <li key={step} className={index === stepIndex ? 'is-current' : index < stepIndex ? 'is-done' : ''}>
            {t(`import.steps.${step}`)}
          </li>
        ))}
      </ol>
      <div className="form-grid">
        <label className="field">
          <span>{t('import.entity')}</span>
          <select value={entity} onChange={(event) => setEntity(event.target.value as RegistryEntity)} disabled={locked} data-testid="import-entity">
            {entities.map((e) => (
              <option key={e} value={e}>
                {t(`import.entities.${e}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('import.crs')}</span>
          <select value={crs} onChange={(event) => setCrs(event.target.value as ImportCrs)} disabled={locked} data-testid="import-crs">
            {systems.map((s) => (
              <option key={s} value={s}>
                {t(`import.crsNames.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('import.file')}</span>
          <input
            type="file"
            accept=".csv,text/csv"
            disabled={locked}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            data-testid="import-file"
          />
        </label>
      </div>
      {stage.step === 'choose' && (
        <div className="registry-actions">
          <button type="button" className="primary-button" disabled={!file || busy} onClick={check} data-testid="import-check">
            {busy ? t('import.checking') : t('import.check')}
          </button>
        </div>
      )}
      {stage.step === 'checked' && (
        <>
          <h3>{t('import.reportTitle')}</h3>
          <ReportTable report={stage.report} />
          <div className="registry-actions">
            {stage.report.bad.length === 0 ? (
              <button type="button" className="primary-button" disabled={busy} onClick={() => run('all')} data-testid="import-all">
                {t('import.importAll')}
              </button>
            ) : (
              <button
                type="button"
                className="primary-button"
                disabled={busy || stage.report.good === 0}
                onClick={() => run('good_rows')}
                data-testid="import-good-rows"
              >
                {t('import.importGood', { count: stage.report.bad.length, good: stage.report.good })}
              </button>
            )}
            <button type="button" className="secondary-button" onClick={restart}>
              {t('cancel')}
            </button>
          </div>
        </>
      )}
      {stage.step === 'importing' && (
        <div className="import-progress" role="status" data-testid="import-progress">
          <progress max={Math.max(1, stage.job.rows)} value={stage.job.processed} />
          <span>{t('import.running', { processed: stage.job.processed, rows: stage.job.rows })}</span>
        </div>
      )}
      {stage.step === 'finished' && (
        <div
          className="import-result"
          data-testid="import-result"
          data-status={stage.job.status}
          data-created={stage.job.created}
          data-updated={stage.job.updated}
          data-skipped={stage.job.skipped}
        >
          <p className={stage.job.status === 'done' ? 'import-clean' : 'form-error'} role="status">
            {stage.job.status === 'done'
              ? t('import.done', { created: stage.job.created, updated: stage.job.updated, skipped: stage.job.skipped })
              : t('import.failed')}
          </p>
          {stage.job.report && stage.job.report.bad.length > 0 && <ReportTable report={stage.job.report} />}
          <button type="button" className="secondary-button" onClick={restart} data-testid="import-again">
            {t('import.again')}
          </button>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
