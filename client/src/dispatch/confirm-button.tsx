import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface ConfirmButtonProps {
  label: string;
  /** what the dispatcher is asked, e.g. 确认结束调度？ */
  question: string;
  className: string;
  testId: string;
  disabled: boolean;
  onConfirm: () => void;
}

/**
 * A button for what cannot be undone (结束调度, 结案): the first press asks, in place, and only
 * 确认 does it. In the page itself rather than a browser dialog, so it works under stress and in tests.
 */
export function ConfirmButton({ label, question, className, testId, disabled, onConfirm }: ConfirmButtonProps) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className={className} data-testid={testId} onClick={() => setAsking(true)} disabled={disabled}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm-box" role="group" aria-label={question} data-testid={`${testId}-ask`}>
      <span className="confirm-question">{question}</span>
      <button
        type="button"
        className={className}
        data-testid={`${testId}-confirm`}
        disabled={disabled}
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {t('dispatch.confirm.yes')}
      </button>
      <button type="button" className="secondary-button" data-testid={`${testId}-cancel`} onClick={() => setAsking(false)}>
        {t('dispatch.confirm.no')}
      </button>
    </span>
  );
}
