/**
 * Grade levels as CEDS codes, the vocabulary OneRoster uses (`KG`, `01`…`13`, `PK`…).
 * Real feeds mix `9` and `09`, `K` and `KG`, and Clever sends words (`Kindergarten`), so every grade is
 * normalized to one code before it is compared or stored.
 */
const namedGrades: Record<string, string> = {
  it: 'IT',
  infanttoddler: 'IT',
  pr: 'PR',
  preschool: 'PR',
  pk: 'PK',
  prek: 'PK',
  prekindergarten: 'PK',
  tk: 'TK',
  transitionalkindergarten: 'TK',
  k: 'KG',
  kg: 'KG',
  kindergarten: 'KG',
  ps: 'PS',
  postgraduate: 'PS',
  postsecondary: 'PS',
  ug: 'UG',
  ungraded: 'UG',
  other: 'Other',
};

/**
 * Normalizes one grade value to its CEDS code: `9` → `09`, `K` → `KG`, `Kindergarten` → `KG`.
 * Values that are not recognised are returned trimmed, unchanged, so nothing a district sends is lost.
 *
 * @example normalizeGrade('9') // '09'
 */
export function normalizeGrade(value: string): string {
  const trimmed = value.trim();
  if (/^\d{1,2}$/.test(trimmed)) {
    const number = Number(trimmed);
    if (number >= 1 && number <= 13) return String(number).padStart(2, '0');
    if (number === 0) return 'KG';
  }
  const named = namedGrades[trimmed.toLowerCase().replace(/[\s_-]/g, '')];
  return named ?? trimmed;
}
