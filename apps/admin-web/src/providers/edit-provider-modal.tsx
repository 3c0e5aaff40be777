import { useId, useMemo, useState } from 'react';
import type { Provider, SchedulePreset } from '../api/api-types';
import { useSession } from '../app-context';
import { browserTimeZone } from '../schedule/format-date-time';
import {
  checkScheduleDraft,
  cronOfDraft,
  type ScheduleDraft,
  scheduleDraftFor,
} from '../schedule/schedule-draft';
import { SchedulePicker } from '../schedule/schedule-picker';
import { InlineError } from '../ui/async-states';
import { Modal } from '../ui/modal';
import { providerTypeInfo } from './provider-fields';
import { ProviderFieldsForm } from './provider-fields-form';
import {
  buildProviderConfig,
  initialProviderValues,
  isSecretStored,
  type ProviderFormMode,
  validateProviderValues,
} from './provider-form-values';
import { serverFieldErrors } from './server-field-errors';

/**
 * Edits a provider's name, connection details and schedule. Secrets start blank: left blank they are not
 * sent, so the service keeps the stored ones; typed in, they replace them.
 */
export function EditProviderModal(props: {
  provider: Provider;
  presets: readonly SchedulePreset[];
  onClose: () => void;
  onSaved: (provider: Provider) => void;
}) {
  const { provider, presets } = props;
  const { api } = useSession();
  const id = useId();
  const mode: ProviderFormMode = useMemo(
    () => ({ kind: 'edit', existing: provider.config }),
    [provider.config],
  );
  const [name, setName] = useState(provider.name);
  const [values, setValues] = useState(() => initialProviderValues(provider.providerType, mode));
  const [schedule, setSchedule] = useState<ScheduleDraft>(() =>
    scheduleDraftFor(provider.syncSchedule, provider.syncTimezone || browserTimeZone(), presets),
  );
  const [showErrors, setShowErrors] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const storedSecrets = useMemo(
    () =>
      new Set(
        providerTypeInfo(provider.providerType)
          .fields.filter((field) => field.kind === 'secret' && isSecretStored(provider.config, field.key))
          .map((field) => field.key),
      ),
    [provider],
  );
  const errors = validateProviderValues(provider.providerType, values, mode);
  const nameError = name.trim() ? null : 'Display name is required.';

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const scheduleCheck = checkScheduleDraft(schedule, presets);
    if (Object.keys(errors).length > 0 || nameError || (scheduleCheck && !scheduleCheck.valid)) {
      setShowErrors(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await api.updateProvider(provider.id, {
        name: name.trim(),
        config: buildProviderConfig(provider.providerType, values),
        syncSchedule: cronOfDraft(schedule, presets),
        syncTimezone: schedule.timeZone,
      });
      props.onSaved(saved);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <Modal
      title={`Edit ${provider.name}`}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" className="button" onClick={props.onClose}>
            Cancel
          </button>
          <span className="spacer" />
          <button type="submit" form={`${id}-form`} className="button button-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save changes'}
          </button>
        </>
      }
    >
      <form id={`${id}-form`} onSubmit={save} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>
            Display name<span className="required"> (required)</span>
          </label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={showErrors && Boolean(nameError)}
          />
          {showErrors && nameError ? <p className="field-error">{nameError}</p> : null}
        </div>
        <h3 className="section-title">Connection details</h3>
        <ProviderFieldsForm
          type={provider.providerType}
          values={values}
          errors={{ ...serverFieldErrors(error), ...errors }}
          showErrors={showErrors || Object.keys(serverFieldErrors(error)).length > 0}
          onChange={setValues}
          storedSecrets={storedSecrets}
        />
        <SchedulePicker draft={schedule} presets={presets} onChange={setSchedule} showErrors={showErrors} />
        <InlineError error={error} />
      </form>
    </Modal>
  );
}
