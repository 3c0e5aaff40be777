import { useId, useState } from 'react';
import type {
  ConnectionTestResult,
  CreateProviderBody,
  Provider,
  ProviderType,
  SchedulePreset,
  TestProviderConfigBody,
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
 * save. The test sends the typed config to the service without saving it; only Save creates the
 * integration, so closing the modal leaves nothing behind.
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
  // The config the shown test result is for; changing the fields afterwards asks for a new test.
  const [testedConfig, setTestedConfig] = useState<string | null>(null);
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

  function configText(): string {
    return type ? JSON.stringify({ type, config: buildProviderConfig(type, values) }) : '';
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
    if (step === 1 && configText() !== testedConfig) {
      setTestResult(null);
      setTestAttempted(false);
    }
    setStep(step + 1);
  }

  async function testConnection() {
    if (!type) return;
    setBusy(true);
    setError(null);
    setTestResult(null);
    try {
      // The form checked the fields of this type; the service validates them again and stores nothing.
      const body = {
        tenantId: props.tenantId,
        providerType: type,
        config: buildProviderConfig(type, values),
      } as TestProviderConfigBody;
      setTestedConfig(configText());
      setTestResult(await api.testProviderConfig(body));
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
    if (!type) return;
    setBusy(true);
    setError(null);
    try {
      const body = {
        tenantId: props.tenantId,
        providerType: type,
        name: name.trim(),
        config: buildProviderConfig(type, values),
        syncSchedule: cronOfDraft(schedule, props.presets),
        syncTimezone: schedule.timeZone,
      } as CreateProviderBody;
      const saved: Provider = await api.createProvider(body);
      props.onSaved(saved);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  const footer = (
    <>
      <button type="button" className="button" onClick={props.onClose}>
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
          disabled={!testAttempted || busy}
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
    <Modal title="Add integration" onClose={props.onClose} footer={footer}>
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
            choose a schedule. Testing does not save anything; the integration is created when you save it.
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
