import { useId } from 'react';
import type { ProviderType } from '../api/api-types';
import { providerTypeInfo } from './provider-fields';
import type { ProviderFormErrors, ProviderFormValues } from './provider-form-values';

/**
 * The configuration fields of one provider type, each with its help text. Secrets are password fields;
 * when `storedSecrets` says one is set, it may be left blank to keep it.
 */
export function ProviderFieldsForm(props: {
  type: ProviderType;
  values: ProviderFormValues;
  errors: ProviderFormErrors;
  showErrors: boolean;
  onChange: (values: ProviderFormValues) => void;
  storedSecrets?: ReadonlySet<string>;
}) {
  const { type, values, errors, showErrors, onChange, storedSecrets } = props;
  const id = useId();
  return (
    <div className="field-grid">
      {providerTypeInfo(type).fields.map((field) => {
        const inputId = `${id}-${field.key}`;
        const error = showErrors ? errors[field.key] : undefined;
        const kept = field.kind === 'secret' && storedSecrets?.has(field.key);
        return (
          <div className="field" key={field.key}>
            <label htmlFor={inputId}>
              {field.label}
              {field.required && !kept ? (
                <span className="required"> (required)</span>
              ) : field.required ? null : (
                <span className="required"> (optional)</span>
              )}
            </label>
            {field.kind === 'select' ? (
              <select
                id={inputId}
                name={field.key}
                value={values[field.key] ?? ''}
                aria-describedby={`${inputId}-help${error ? ` ${inputId}-error` : ''}`}
                onChange={(event) => onChange({ ...values, [field.key]: event.target.value })}
              >
                <option value="">Default</option>
                {field.options?.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={inputId}
                name={field.key}
                type={field.kind === 'secret' ? 'password' : field.kind === 'number' ? 'number' : field.kind}
                inputMode={field.kind === 'number' ? 'numeric' : undefined}
                value={values[field.key] ?? ''}
                placeholder={kept ? 'Stored — leave blank to keep' : field.placeholder}
                autoComplete={field.kind === 'secret' ? 'new-password' : 'off'}
                spellCheck={false}
                aria-invalid={Boolean(error)}
                aria-describedby={`${inputId}-help${error ? ` ${inputId}-error` : ''}`}
                onChange={(event) => onChange({ ...values, [field.key]: event.target.value })}
              />
            )}
            <p className="help" id={`${inputId}-help`}>
              {field.help}
              {kept ? ' A value is stored; it is never shown. Type a new one only to replace it.' : ''}
            </p>
            {error ? (
              <p className="field-error" id={`${inputId}-error`}>
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
