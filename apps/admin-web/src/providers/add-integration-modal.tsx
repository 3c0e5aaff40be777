import { useId, useState } from 'react';
import type {
  ConnectionTestResult,
  CreateProviderBody,
  Provider,
  ProviderType,
  SchedulePreset,
} from '../api/api-types';
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
import { ConnectionTestResultView } from './connection-test-result';
import { providerTypeInfo, providerTypes } from './provider-fields';
import { ProviderFieldsForm } from './provider-fields-form';
import {
  buildProviderConfig,
  initialProviderValues,
  type ProviderFormValues,
  validateProviderValues,
} from './provider-form-values';
import { serverFieldErrors } from './server-field-errors';

const stepTitles = ['Provider type', 'Connection details', 'Test connection', 'Schedule'] as const;

/**
 * The step-by-step "Add integration" modal: provider type → its fields → connection test → schedule →
 * save. Testing saves the integration (manual-only, so it never syncs on its own) to reach the provider;
 * closing the modal before the last step deletes that draft again.
 */
export function AddIntegrationModal(props: {
  tenantId: string;
  presets: readonly SchedulePreset[];
  onClose: () => void;
  onSaved: (provider: Provider) => void;
}) {
  const { api } = useSession();
  const id = useId();
  const [step, setStep] = useState(0);
  const [type, setType] = useState<ProviderType | null>(null);
  const [name, setName] = useState('');
  const [values, setValues] = useState<ProviderFormValues>({});
  const [showErrors, setShowErrors] = useState(false);
  const [draft, setDraft] = useState<Provider | null>(null);
  const [savedConfig, setSavedConfig] = useState<string>('');
  const [testResult, setTestResult] = useState<ConnectionTestResult | null>(null);
  // The admin may go on after any test attempt; a failed one is shown and the button says so.
  const [testAttempted, setTestAttempted] = useState(false);
  const [schedule, setSchedule] = useState<ScheduleDraft>(() =>
    scheduleDraftFor(props.presets[0]?.cron ?? null, browserTimeZone(), props.presets),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const errors = type ? validateProviderValues(type, values, { kind: 'create' }) : {};
  const nameError = name.trim() ? null : 'Display name is required.';

  function chooseType(next: ProviderType) {
    setType(next);
    setValues(initialProviderValues(next, { kind: 'create' }));
    setName(providerTypeInfo(next).defaultName);
    setShowErrors(false);
  }

  async function close() {
    // The draft was only there to test the connection; the admin did not save it.
    if (draft) await api.deleteProvider(draft.id).catch(() => undefined);
    props.onClose();
  }

  function next() {
    setError(null);
    if (step === 0 && !type) {
      setShowErrors(true);
      return;
    }
    if (step === 1 && (Object.keys(errors).length > 0 || nameError)) {
      setShowErrors(true);
      return;
    }
    setShowErrors(false);
    setStep(step + 1);
  }

  async function testConnection() {
    if (!type) return;
    setBusy(true);
    setError(null);
    setTestResult(null);
    try {
      const config = buildProviderConfig(type, values);
      const configText = JSON.stringify({ name: name.trim(), config });
      let provider = draft;
      if (!provider) {
        // The form checked the fields of this type; the service validates them again.
        const body = {
          tenantId: props.tenantId,
          providerType: type,
          name: name.trim(),
          config,
        } as CreateProviderBody;
        provider = await api.createProvider(body);
        setDraft(provider);
      } else if (configText !== savedConfig) {
        provider = await api.updateProvider(provider.id, { name: name.trim(), config });
        setDraft(provider);
      }
      setSavedConfig(configText);
      setTestResult(await api.testProvider(provider.id));
    } catch (caught) {
      setError(caught);
    } finally {
      setTestAttempted(true);
      setBusy(false);
    }
  }

  async function save() {
    const check = checkScheduleDraft(schedule, props.presets);
    if (check && !check.valid) {
      setShowErrors(true);
      return;
    }
    if (!draft) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await api.updateProvider(draft.id, {
        syncSchedule: cronOfDraft(schedule, props.presets),
        syncTimezone: schedule.timeZone,
      });
      props.onSaved(saved);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  const footer = (
    <>
      <button type="button" className="button" onClick={close}>
        Cancel
      </button>
      <span className="spacer" />
      {step > 0 ? (
        <button type="button" className="button" onClick={() => setStep(step - 1)} disabled={busy}>
          Back
        </button>
      ) : null}
      {step < 2 ? (
        <button type="button" className="button button-primary" onClick={next}>
          Next
        </button>
      ) : null}
      {step === 2 ? (
        <button
          type="button"
          className="button button-primary"
          onClick={next}
          disabled={!testAttempted || !draft || busy}
        >
          {testResult?.success ? 'Next' : testAttempted ? 'Continue anyway' : 'Next'}
        </button>
      ) : null}
      {step === 3 ? (
        <button type="button" className="button button-primary" onClick={save} disabled={busy}>
          {busy ? 'Saving…' : 'Save integration'}
        </button>
      ) : null}
    </>
  );

  return (
    <Modal title="Add integration" onClose={close} footer={footer}>
      <ol className="steps" aria-label="Steps">
        {stepTitles.map((title, index) => (
          <li
            key={title}
            aria-current={index === step ? 'step' : undefined}
            className={index < step ? 'done' : ''}
          >
            <span className="step-number">{index + 1}</span> {title}
          </li>
        ))}
      </ol>

      {step === 0 ? (
        <fieldset className="type-picker">
          <legend>Which system holds your district's roster?</legend>
          {providerTypes.map((info) => (
            <label key={info.type} className={`type-card${type === info.type ? ' selected' : ''}`}>
              <input
                type="radio"
                name={`${id}-type`}
                value={info.type}
                checked={type === info.type}
                onChange={() => chooseType(info.type)}
              />
              <span>
                <strong>{info.title}</strong>
                <span className="help">{info.summary}</span>
              </span>
            </label>
          ))}
          {showErrors && !type ? <p className="field-error">Choose a provider type to continue.</p> : null}
        </fieldset>
      ) : null}

      {step === 1 && type ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-name`}>
              Display name<span className="required"> (required)</span>
            </label>
            <input
              id={`${id}-name`}
              value={name}
              onChange={(event) => setName(event.target.value)}
              aria-invalid={showErrors && Boolean(nameError)}
              aria-describedby={`${id}-name-help`}
            />
            <p className="help" id={`${id}-name-help`}>
              How this integration is listed, e.g. "{providerTypeInfo(type).defaultName} – Springfield USD".
            </p>
            {showErrors && nameError ? <p className="field-error">{nameError}</p> : null}
          </div>
          <ProviderFieldsForm
            type={type}
            values={values}
            errors={{ ...serverFieldErrors(error), ...errors }}
            showErrors={showErrors || Object.keys(serverFieldErrors(error)).length > 0}
            onChange={setValues}
          />
        </>
      ) : null}

      {step === 2 && type ? (
        <div className="test-step">
          <p>
            Check that the service can reach {providerTypeInfo(type).title} with these details before you
            choose a schedule. Testing stores the integration without a schedule; if you cancel, it is deleted
            again.
          </p>
          <button type="button" className="button button-primary" onClick={testConnection} disabled={busy}>
            {busy ? 'Testing…' : testResult ? 'Test again' : 'Test connection'}
          </button>
          {testResult ? <ConnectionTestResultView result={testResult} /> : null}
        </div>
      ) : null}

      {step === 3 ? (
        <SchedulePicker
          draft={schedule}
          presets={props.presets}
          onChange={setSchedule}
          showErrors={showErrors}
        />
      ) : null}

      <InlineError error={error} />
    </Modal>
  );
}
