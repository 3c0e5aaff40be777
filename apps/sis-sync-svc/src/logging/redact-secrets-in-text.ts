/**
 * Masks credentials that libraries sometimes put in error messages: passwords in URLs
 * (`postgres://user:secret@host`) and bearer tokens.
 */
export function redactSecretsInText(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]+@/gi, '$1[redacted]@')
    .replace(/(bearer\s+)[\w~+/.=-]+/gi, '$1[redacted]');
}
