// Reads a small in-memory roster through the connector contract and prints what it sees.
import { parseRosterRecord } from '@aivo/connector-sdk';
import { createStaticConnector } from '@aivo/connector-sdk/testing';

const school = parseRosterRecord('orgs', {
  sourcedId: 'school-1',
  name: 'Lincoln Elementary',
  type: 'school',
});
const student = parseRosterRecord('users', {
  sourcedId: 'student-1',
  role: 'Student',
  enabledUser: 'TRUE',
  givenName: 'Zoë',
  familyName: "O'Brien",
  grades: '4',
  orgSourcedIds: 'school-1',
});
const connector = createStaticConnector({ records: { orgs: [school.record], users: [student.record] } });

console.log((await connector.testConnection()).message);
for await (const org of connector.orgs()) console.log('org ', org.sourcedId, org.name, org.type);
for await (const user of connector.users())
  console.log('user', user.sourcedId, user.givenName, user.familyName, user.grades);
