import type { ProviderType, SecretMarker } from '../api/api-types';

/** A provider's stored configuration as the API shows it: plain values and `{ set }` secret markers. */
export type ProviderConfigView = Record<string, unknown>;

import { type ProviderField, providerTypeInfo } from './provider-fields';

/** The text of every field of the form, keyed by field key. */
export type ProviderFormValues = Record<string, string>;

/** Field key → what to fix. Empty when the form is valid. */
export type ProviderFormErrors = Record<string, string>;

/** Whether the form creates a provider or edits one whose secrets are already stored. */
export type ProviderFormMode = { kind: 'create' } | { kind: 'edit'; existing: ProviderConfigView };

/** Initial values: defaults for a new provider; stored non-secret values (secrets blank) for an edit. */
export function initialProviderValues(type: ProviderType, mode: ProviderFormMode): ProviderFormValues {
  const values: ProviderFormValues = {};
  for (const field of providerTypeInfo(type).fields) {
    if (mode.kind === 'edit') {
      const stored = readPath(mode.existing, field.key);
      values[field.key] =
        field.kind === 'secret' || stored == null || isSecretMarker(stored) ? '' : String(stored);
    } else {
      values[field.key] = field.defaultValue ?? '';
    }
  }
  return values;
}

/** True when the stored configuration says a secret is set (`{ "set": true }`). */
export function isSecretStored(existing: ProviderConfigView, key: string): boolean {
  const stored = readPath(existing, key);
  return isSecretMarker(stored) ? stored.set : typeof stored === 'string' && stored.length > 0;
}

/** Checks the values of one provider type; secrets already stored may be left blank when editing. */
export function validateProviderValues(
  type: ProviderType,
  values: ProviderFormValues,
  mode: ProviderFormMode,
): ProviderFormErrors {
  const errors: ProviderFormErrors = {};
  for (const field of providerTypeInfo(type).fields) {
    const value = (values[field.key] ?? '').trim();
    const keptSecret =
      field.kind === 'secret' && mode.kind === 'edit' && isSecretStored(mode.existing, field.key);
    if (!value) {
      if (field.required && !keptSecret) errors[field.key] = `${field.label} is required.`;
      continue;
    }
    const problem = checkValue(field, value);
    if (problem) errors[field.key] = problem;
  }
  if (type === 'ONEROSTER_CSV') {
    // The SFTP account needs a key or a password; a stored password counts when editing.
    const has = (key: string) =>
      Boolean((values[key] ?? '').trim()) || (mode.kind === 'edit' && isSecretStored(mode.existing, key));
    if (!has('sftp.privateKeyPath') && !has('sftp.password')) {
      errors['sftp.privateKeyPath'] ??= 'Give the private key path or the SFTP password.';
    }
  }
  return errors;
}

function checkValue(field: ProviderField, value: string): string | null {
  if (field.kind === 'url') {
    try {
      const url = new URL(value);
      if (url.protocol !== 'https:' && url.protocol !== 'http:')
        return `${field.label} must start with https://.`;
    } catch {
      return `${field.label} must be a full URL, e.g. ${field.placeholder ?? 'https://…'}.`;
    }
  }
  if (field.kind === 'number') {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1 || number > 65535) {
      return `${field.label} must be a whole number from 1 to 65535.`;
    }
  }
  return null;
}

/**
 * Builds the `config` object to send. Blank optional fields are left out; when editing, blank secrets
 * are left out too, which the service reads as "keep the stored secret".
 */
export function buildProviderConfig(type: ProviderType, values: ProviderFormValues): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const field of providerTypeInfo(type).fields) {
    const value = (values[field.key] ?? '').trim();
    if (!value) continue;
    writePath(config, field.key, field.kind === 'number' ? Number(value) : value);
  }
  return config;
}

function isSecretMarker(value: unknown): value is SecretMarker {
  return (
    typeof value === 'object' &&
    value !== null &&
    'set' in value &&
    typeof (value as SecretMarker).set === 'boolean'
  );
}

function readPath(config: ProviderConfigView, key: string): unknown {
  let current: unknown = config;
  for (const part of key.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function writePath(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let current = target;
  for (const part of parts.slice(0, -1)) {
    const next = current[part];
    if (typeof next !== 'object' || next === null) current[part] = {};
    current = current[part] as Record<string, unknown>;
  }
  current[parts[parts.length - 1]!] = value;
}
