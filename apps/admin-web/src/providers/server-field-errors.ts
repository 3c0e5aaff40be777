import { ApiError, fieldProblemsOf } from '../api/api-error';
import type { ProviderFormErrors } from './provider-form-values';

/**
 * The service's field problems about `config` (paths like `config.sftp.host`), keyed like the form's
 * fields, so they show under the field they are about.
 */
export function serverFieldErrors(error: unknown): ProviderFormErrors {
  if (!(error instanceof ApiError) || error.status !== 400) return {};
  const errors: ProviderFormErrors = {};
  for (const problem of fieldProblemsOf(error)) {
    if (problem.path.startsWith('config.')) errors[problem.path.slice('config.'.length)] ??= problem.message;
  }
  return errors;
}
