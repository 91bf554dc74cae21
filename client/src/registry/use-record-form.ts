import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../shell/navigation.ts';
import { schemaErrors, serverErrors, type BodySchema, type FieldErrors } from './field-errors.ts';

/**
 * A registry form's state and its way to a save: the inputs, the problems by field, whether a save
 * is under way. `save` checks the body against the contract first (its words at the field), then
 * sends it and goes to the saved record, or shows the server's problems at their fields.
 */
export function useRecordForm<Inputs extends object>(blank: Inputs) {
  const { t } = useTranslation('registry');
  const [inputs, setInputs] = useState<Inputs>(blank);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const set = (field: keyof Inputs) => (event: { target: { value: string } }) => setInputs((previous) => ({ ...previous, [field]: event.target.value }));

  /** The form's own checks first: whether they let the save go on. */
  const checked = (problems: FieldErrors): boolean => {
    setErrors(problems);
    return Object.keys(problems).length === 0;
  };

  function save<T extends { id: number }>(schema: BodySchema, body: unknown, send: () => Promise<T>, recordPath: (id: number) => string): void {
    // what the contract refuses that the form's checks did not catch
    if (!checked(schemaErrors(schema, body))) return;
    setBusy(true);
    send()
      .then(
        (saved) => navigate(recordPath(saved.id)),
        (failure: unknown) => setErrors(serverErrors(failure, t('unavailable'))),
      )
      .finally(() => setBusy(false));
  }

  return { inputs, setInputs, set, errors, busy, checked, save };
}
