/**
 * The words fake districts are made of. The lists deliberately mix accents, apostrophes, non-Latin
 * scripts, commas and double quotes, because real rosters have all of them and connectors must keep
 * them intact through CSV quoting, JSON and databases.
 */

export const givenNames = [
  'Ana',
  'José',
  'Zoë',
  'Chloé',
  'Mateo',
  'Renée',
  'Björn',
  'Siobhán',
  'Noah',
  'Olivia',
  'Liam',
  'Emma',
  'Aarav',
  'Mei',
  'Søren',
  'Inés',
  'François',
  'Jamal',
  'Priya',
  'Lucía',
  'Mary-Kate',
  "D'Andre",
  '李娜',
  'Мария',
  'محمد',
  'さくら',
  'Δημήτρης',
  'अनन्या',
] as const;

export const familyNames = [
  "O'Brien",
  "D'Angelo",
  'García',
  'Müller',
  'Nguyễn',
  'Smith',
  'Johnson',
  'Łukasiewicz',
  'Kowalski',
  'van der Berg',
  'Ramírez-López',
  'Okafor',
  'Brown',
  'Patel',
  'Kim',
  'Williams',
  'Núñez',
  "N'Diaye",
  'Åberg',
  '王',
  'Иванова',
  'خان',
  '田中',
  'Παπαδόπουλος',
] as const;

export const middleInitials = ['A.', 'B.', 'J.', 'M.', 'R.', 'T.', 'É.'] as const;

export const districtNames = [
  'Lakeview Unified School District',
  'Riverside County Public Schools',
  "St. Clair's Regional School District",
  'Maplewood-Richmond Heights School District',
  'Cañon City Schools',
] as const;

export const placeNames = [
  'Lincoln',
  'Hillcrest, East Campus',
  'Jefferson',
  "St. Mary's",
  'Coeur d’Alene',
  'Oak Grove',
  'Washington',
  'Cedar Hills',
  'Martin Luther King Jr.',
  'Sequoia',
  'Evergreen',
  'Bayside',
  'Whitney Young',
] as const;

/** Suffix of a school's name by band: high, middle, elementary. */
export const schoolKindNames = ['High School', 'Middle School', 'Elementary School'] as const;

/** A course of the catalog: title, subject and its SCED subject code. */
export interface CatalogCourse {
  title: string;
  subject: string;
  subjectCode: string;
}

/** Course catalog by band (high, middle, elementary). The first high-school course has a comma and quotes. */
export const coursesByBand: readonly (readonly CatalogCourse[])[] = [
  [
    { title: 'Algebra I, "Honors"', subject: 'Mathematics', subjectCode: '02052' },
    { title: 'English 9', subject: 'English Language and Literature', subjectCode: '01001' },
    { title: 'Biology', subject: 'Life and Physical Sciences', subjectCode: '03051' },
    { title: 'World History', subject: 'Social Sciences and History', subjectCode: '04051' },
    { title: 'Spanish I', subject: 'World Languages', subjectCode: '06101' },
    { title: 'Chemistry', subject: 'Life and Physical Sciences', subjectCode: '03101' },
    { title: 'Art & Design', subject: 'Fine and Performing Arts', subjectCode: '05154' },
    {
      title: 'Computer Science Principles',
      subject: 'Computer and Information Sciences',
      subjectCode: '10019',
    },
  ],
  [
    { title: 'Math 7', subject: 'Mathematics', subjectCode: '52042' },
    { title: 'Language Arts 6', subject: 'English Language and Literature', subjectCode: '51036' },
    { title: 'Life Science', subject: 'Life and Physical Sciences', subjectCode: '53231' },
    { title: 'U.S. History, 1776–1900', subject: 'Social Sciences and History', subjectCode: '54437' },
    { title: 'Band', subject: 'Fine and Performing Arts', subjectCode: '55110' },
    { title: 'Physical Education', subject: 'Physical, Health, and Safety Education', subjectCode: '58001' },
  ],
  [
    { title: 'Reading', subject: 'English Language and Literature', subjectCode: '51007' },
    { title: 'Mathematics', subject: 'Mathematics', subjectCode: '52031' },
    { title: 'Science', subject: 'Life and Physical Sciences', subjectCode: '53001' },
    { title: 'Music', subject: 'Fine and Performing Arts', subjectCode: '55100' },
    { title: 'Homeroom', subject: 'Miscellaneous', subjectCode: '22151' },
  ],
];

export const roomNames = ['Room 101', 'Room 12, Bldg "B"', 'Gym', 'Library', 'Lab 3', 'Portable 2'] as const;

/** Strips accents and anything but letters and digits, for usernames and email local parts. */
export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[Łł]/g, 'l')
    .replace(/[Øø]/g, 'o')
    .replace(/[^A-Za-z0-9]/g, '');
}
