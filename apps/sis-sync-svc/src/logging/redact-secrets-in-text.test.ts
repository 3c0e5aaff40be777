import { expect, it } from 'vitest';
import { redactSecretsInText } from './redact-secrets-in-text.js';

it('masks URL passwords and bearer tokens', () => {
  expect(redactSecretsInText('connect postgres://admin:hunter2@db:5432/x failed')).toBe(
    'connect postgres://admin:[redacted]@db:5432/x failed',
  );
  expect(redactSecretsInText('sent Authorization: Bearer eyJ.abc-def')).toBe(
    'sent Authorization: Bearer [redacted]',
  );
  expect(redactSecretsInText('https://example.com/path?a=b')).toBe('https://example.com/path?a=b');
});
