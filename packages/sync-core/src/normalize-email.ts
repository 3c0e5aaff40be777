/** Emails match trimmed and case-insensitively: ` Ana.Lee@School.org ` and `ana.lee@school.org` are one person. */
export function normalizeEmail(email: string | undefined): string | undefined {
  const normalized = email?.trim().toLowerCase();
  return normalized ? normalized : undefined;
}
