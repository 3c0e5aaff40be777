import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact-secrets.js';

describe('redactSecrets', () => {
  it('removes secret query parameters and keeps the others', () => {
    expect(
      redactSecrets(
        'https://api.example/x?access_token=abc123&limit=5&client_secret=s3cr3t&oauth_signature=a%2Fb%3D',
      ),
    ).toBe(
      'https://api.example/x?access_token=[REDACTED]&limit=5&client_secret=[REDACTED]&oauth_signature=[REDACTED]',
    );
  });

  it('removes Bearer and Basic credentials and OAuth header signatures', () => {
    expect(redactSecrets('authorization: Bearer eyJhbGciOi.J9x_y-z')).toBe(
      'authorization: Bearer [REDACTED]',
    );
    expect(redactSecrets('Authorization: Basic ZGVtbzpzZWNyZXQ=')).toBe('Authorization: Basic [REDACTED]');
    expect(redactSecrets('OAuth oauth_consumer_key="k", oauth_signature="wmr39%2F1V%3D"')).toBe(
      'OAuth oauth_consumer_key="k", oauth_signature="[REDACTED]"',
    );
  });

  it('removes secret JSON fields from body excerpts', () => {
    expect(redactSecrets('{"access_token": "tok-123", "token_type":"bearer"}')).toBe(
      '{"access_token": "[REDACTED]", "token_type":"bearer"}',
    );
  });

  it('removes configured secret strings in plain and percent-encoded forms', () => {
    const secret = 'p@ss word/1';
    const text = `bad secret ${secret} in ${encodeURIComponent(secret)} and p%40ss+word%2F1`;
    const result = redactSecrets(text, { secrets: [secret, undefined] });
    expect(result).not.toContain('p@ss');
    expect(result).not.toContain('p%40ss');
    expect(result).toBe('bad secret [REDACTED] in [REDACTED] and [REDACTED]');
  });

  it('ignores very short configured secrets so ordinary text survives', () => {
    expect(redactSecrets('a b c', { secrets: ['a'] })).toBe('a b c');
  });
});
