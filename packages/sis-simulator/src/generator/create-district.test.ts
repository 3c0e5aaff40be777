import { parseRosterRecord, type RosterEntity, type RosterRecord, rosterEntities } from '@aivo/connector-sdk';
import { describe, expect, it } from 'vitest';
import { collectDistrict } from './collect-district.js';
import { createDistrict } from './create-district.js';

const tiny = createDistrict({ seed: 42, size: 'tiny' });
const small = createDistrict({ seed: 7, size: 'small' });

/** Diffs two days by content: what a sync engine would see. */
function diffByContent(before: RosterRecord[], after: RosterRecord[]) {
  const withoutTime = (record: RosterRecord) => JSON.stringify({ ...record, dateLastModified: undefined });
  const old = new Map(before.map((record) => [record.sourcedId, withoutTime(record)]));
  const now = new Map(after.map((record) => [record.sourcedId, withoutTime(record)]));
  const created = [...now.keys()].filter((id) => !old.has(id)).sort();
  const deleted = [...old.keys()].filter((id) => !now.has(id)).sort();
  const updated = [...now.keys()].filter((id) => old.has(id) && old.get(id) !== now.get(id)).sort();
  return { created, updated, deleted };
}

describe('createDistrict', () => {
  it('gives the same records for the same seed, size and day, and different ones for another seed', () => {
    expect(JSON.stringify(collectDistrict(createDistrict({ seed: 42, size: 'tiny', day: 3 })))).toBe(
      JSON.stringify(collectDistrict(createDistrict({ seed: 42, size: 'tiny', day: 3 }))),
    );
    const other = collectDistrict(createDistrict({ seed: 43, size: 'tiny' }));
    const users = collectDistrict(tiny).users;
    expect(other.users.map((user) => user.sourcedId)).not.toEqual(users.map((user) => user.sourcedId));
    expect(other.users.map((user) => user.givenName)).not.toEqual(users.map((user) => user.givenName));
  });

  it('yields records that the SDK schemas accept unchanged, with 24-hex ids in ascending order', () => {
    for (const district of [tiny, small, createDistrict({ seed: 7, size: 'small', day: 4 })]) {
      for (const entity of rosterEntities) {
        const ids: string[] = [];
        for (const record of district.records(entity)) {
          const parsed = parseRosterRecord(entity, record as unknown as Record<string, unknown>);
          if (!parsed.success) throw new Error(parsed.issue.message);
          expect(parsed.record).toEqual(record);
          expect(record.status).toBe('active');
          expect(record.raw).toEqual({});
          ids.push(record.sourcedId);
        }
        expect(ids.every((id) => /^[0-9a-f]{24}$/.test(id))).toBe(true);
        expect(ids).toEqual([...ids].sort());
        expect(new Set(ids).size).toBe(ids.length);
      }
    }
  });

  it('knows its ground truth: counts equal what the iterables yield, on day 1 and after changes', () => {
    for (const district of [tiny, small, createDistrict({ seed: 7, size: 'small', day: 6 })]) {
      const collected = collectDistrict(district);
      const truth = district.groundTruth();
      for (const entity of rosterEntities)
        expect(collected[entity].length, entity).toBe(truth.records[entity]);
      const byRole = (role: string) => collected.users.filter((user) => user.role === role).length;
      expect(truth.usersByRole).toEqual({
        student: byRole('student'),
        teacher: byRole('teacher'),
        administrator: byRole('administrator'),
        aide: byRole('aide'),
        guardian: byRole('guardian'),
      });
      const teacherEnrollments = collected.enrollments.filter((enrollment) => enrollment.role === 'teacher');
      expect(truth.enrollmentsByRole.teacher).toBe(teacherEnrollments.length);
      expect(truth.primaryTeacherEnrollments).toBe(teacherEnrollments.filter((e) => e.primary).length);
      expect(truth.studentsWithoutEmail).toBe(
        collected.users.filter((user) => user.role === 'student' && user.email === undefined).length,
      );
      expect(truth.teachersInTwoSchools).toBe(
        collected.users.filter((user) => user.role === 'teacher' && user.orgSourcedIds.length === 2).length,
      );
    }
  });

  it('counts a medium district right without collecting it: streamed counts equal the ground truth', () => {
    const district = createDistrict({ seed: 'medium-check', size: 'medium', day: 3 });
    const truth = district.groundTruth();
    for (const entity of rosterEntities) {
      let count = 0;
      for (const _record of district.records(entity)) count++;
      expect(count, entity).toBe(truth.records[entity]);
    }
    // Days 2 and 3 each see 20 students leave and 20 arrive.
    expect(truth.usersByRole.student).toBe(10_000);
    expect(
      district.changesSince(createDistrict({ seed: 'medium-check', size: 'medium' })).users.counts.created,
    ).toBe(40);
    expect(truth.teachersInTwoSchools).toBeGreaterThan(0);
  });

  it('keeps references intact: enrollments, classes, courses, users and agents point at records that exist', () => {
    for (const district of [small, createDistrict({ seed: 7, size: 'small', day: 8 })]) {
      const collected = collectDistrict(district);
      const ids = (entity: RosterEntity) => new Set(collected[entity].map((record) => record.sourcedId));
      const orgs = ids('orgs');
      const sessions = ids('academicSessions');
      const courses = ids('courses');
      const classes = ids('classes');
      const users = new Map(collected.users.map((user) => [user.sourcedId, user]));
      for (const rosterClass of collected.classes) {
        expect(orgs.has(rosterClass.schoolSourcedId)).toBe(true);
        expect(courses.has(rosterClass.courseSourcedId as string)).toBe(true);
        expect(rosterClass.termSourcedIds.length).toBeGreaterThan(0);
        for (const term of rosterClass.termSourcedIds) expect(sessions.has(term)).toBe(true);
      }
      for (const course of collected.courses)
        expect(sessions.has(course.schoolYearSourcedId as string)).toBe(true);
      for (const user of collected.users) {
        for (const org of user.orgSourcedIds) expect(orgs.has(org)).toBe(true);
        for (const agent of user.agentSourcedIds) {
          expect(users.get(agent)?.agentSourcedIds, `${user.sourcedId} ↔ ${agent}`).toContain(user.sourcedId);
        }
      }
      for (const enrollment of collected.enrollments) {
        expect(classes.has(enrollment.classSourcedId)).toBe(true);
        const user = users.get(enrollment.userSourcedId);
        expect(user?.role).toBe(enrollment.role);
        if (enrollment.role === 'student') expect(user?.orgSourcedIds).toContain(enrollment.schoolSourcedId);
      }
    }
  });

  it('has the realistic content issue 3 asks for', () => {
    const collected = collectDistrict(small);
    const students = collected.users.filter((user) => user.role === 'student');
    const perStudent = new Map<string, number>();
    for (const enrollment of collected.enrollments) {
      if (enrollment.role === 'student') {
        perStudent.set(enrollment.userSourcedId, (perStudent.get(enrollment.userSourcedId) ?? 0) + 1);
      }
    }
    for (const student of students) {
      expect(perStudent.get(student.sourcedId)).toBeGreaterThanOrEqual(5);
      expect(perStudent.get(student.sourcedId)).toBeLessThanOrEqual(8);
      expect(student.identifier).toMatch(/^\d+$/);
      expect(student.userIds).toContainEqual({ type: 'SIS', identifier: student.identifier });
    }
    const withoutEmail = students.filter((student) => student.email === undefined).length / students.length;
    expect(withoutEmail).toBeGreaterThan(0.02);
    expect(withoutEmail).toBeLessThan(0.08);
    expect(students.some((student) => student.email && student.email !== student.email.toLowerCase())).toBe(
      true,
    );
    const names = collected.users.map((user) => `${user.givenName} ${user.familyName}`).join(' ');
    expect(names).toMatch(/[éöüñ]/);
    expect(names).toContain("'");
    expect(names).toMatch(/[\u0400-\u04ff\u4e00-\u9fff\u0600-\u06ff]/);
    expect(collected.classes.some((rosterClass) => rosterClass.title.includes('Algebra I, "Honors"'))).toBe(
      true,
    );
    // Each class has exactly one primary teacher; some have a second, non-primary one.
    const teachersByClass = new Map<string, boolean[]>();
    for (const enrollment of collected.enrollments.filter((e) => e.role === 'teacher')) {
      teachersByClass.set(enrollment.classSourcedId, [
        ...(teachersByClass.get(enrollment.classSourcedId) ?? []),
        enrollment.primary,
      ]);
    }
    for (const flags of teachersByClass.values()) expect(flags.filter(Boolean)).toHaveLength(1);
    expect([...teachersByClass.values()].some((flags) => flags.length === 2)).toBe(true);
    expect(small.groundTruth().teachersInTwoSchools).toBeGreaterThan(0);
    expect(collected.users.some((user) => user.role === 'guardian' && user.agentSourcedIds.length > 0)).toBe(
      true,
    );
    const semesters = collected.academicSessions.filter((session) => session.type === 'semester');
    expect(semesters).toHaveLength(2);
  });

  it('groups enrollments by class and serves one class on its own', () => {
    const enrollments = [...small.enrollments()];
    const seen = new Set<string>();
    let current = '';
    for (const enrollment of enrollments) {
      if (enrollment.classSourcedId !== current) {
        expect(seen.has(enrollment.classSourcedId)).toBe(false);
        seen.add(enrollment.classSourcedId);
        current = enrollment.classSourcedId;
      }
    }
    const someClass = [...small.classes()][3]!.sourcedId;
    expect([...small.classEnrollments(someClass)]).toEqual(
      enrollments.filter((enrollment) => enrollment.classSourcedId === someClass),
    );
  });

  it('names multi-role teachers as teacher ids without duplicating users', () => {
    const teacherIds = new Set(
      [...tiny.users()].filter((user) => user.role === 'teacher').map((user) => user.sourcedId),
    );
    const multiRole = tiny.multiRoleTeacherIds();
    expect(multiRole.size).toBeGreaterThan(0);
    for (const id of multiRole) expect(teacherIds.has(id)).toBe(true);
    expect(tiny.groundTruth().multiRoleTeacherIds).toEqual([...multiRole]);
  });

  it('finds single records by id and says undefined for unknown ones', () => {
    const collected = collectDistrict(tiny);
    for (const entity of rosterEntities) {
      for (const record of collected[entity])
        expect(tiny.findRecord(entity, record.sourcedId)).toEqual(record);
    }
    expect(tiny.findRecord('users', collected.classes[0]!.sourcedId)).toBeUndefined();
    expect(tiny.findRecord('users', 'ffffffffffffffffffffffff')).toBeUndefined();
  });

  it('accepts explicit counts and rejects impossible ones with a message that says what to fix', () => {
    const district = createDistrict({
      seed: 'explicit',
      size: { schools: 3, students: 30, teachers: 9, classes: 24, administrators: 2, aides: 1, guardians: 5 },
    });
    expect(district.groundTruth().records.orgs).toBe(4);
    expect(district.groundTruth().usersByRole.student).toBe(30);
    expect(() =>
      createDistrict({
        seed: 1,
        size: {
          schools: 3,
          students: 30,
          teachers: 2,
          classes: 24,
          administrators: 1,
          aides: 0,
          guardians: 0,
        },
      }),
    ).toThrow(/"teachers" \(2\) must be at least the number of schools \(3\)/);
    expect(() => createDistrict({ seed: 1, size: 'tiny', day: 0 })).toThrow(/day must be a whole number/);
  });
});

describe('day-over-day changes', () => {
  it('changes students, classes and enrollments, and changesSince says exactly what differs', () => {
    for (const [from, to] of [
      [1, 2],
      [2, 3],
      [1, 5],
    ] as const) {
      const before = createDistrict({ seed: 7, size: 'small', day: from });
      const after = createDistrict({ seed: 7, size: 'small', day: to });
      const changes = after.changesSince(before);
      const beforeRecords = collectDistrict(before);
      const afterRecords = collectDistrict(after);
      for (const entity of rosterEntities) {
        const diff = diffByContent(beforeRecords[entity], afterRecords[entity]);
        expect(
          {
            created: changes[entity].created,
            updated: changes[entity].updated,
            deleted: changes[entity].deleted,
          },
          `${entity} ${from}→${to}`,
        ).toEqual(diff);
        expect(changes[entity].counts.created).toBe(diff.created.length);
      }
      expect(changes.users.created.length).toBeGreaterThan(0);
      expect(changes.users.updated.length).toBeGreaterThan(0);
      expect(changes.users.deleted.length).toBeGreaterThan(0);
      expect(changes.classes.deleted.length).toBeGreaterThan(0);
      expect(changes.enrollments.created.length).toBeGreaterThan(0);
      expect(changes.enrollments.deleted.length).toBeGreaterThan(0);
    }
  });

  it('moves a student to another school over a few days', () => {
    const before = collectDistrict(small);
    const later = collectDistrict(createDistrict({ seed: 7, size: 'small', day: 4 }));
    const schoolOf = new Map(before.users.map((user) => [user.sourcedId, user.orgSourcedIds.join()]));
    const moved = later.users.filter(
      (user) =>
        user.role === 'student' &&
        schoolOf.has(user.sourcedId) &&
        schoolOf.get(user.sourcedId) !== user.orgSourcedIds.join(),
    );
    expect(moved.length).toBeGreaterThan(0);
  });

  it('nextDay is the next day of the same district', () => {
    const next = tiny.nextDay();
    expect(next.day).toBe(2);
    expect(JSON.stringify(collectDistrict(next))).toBe(
      JSON.stringify(collectDistrict(createDistrict({ seed: 42, size: 'tiny', day: 2 }))),
    );
    expect(() => tiny.changesSince(next)).toThrow(/earlier day/);
    expect(() => next.changesSince(createDistrict({ seed: 1, size: 'tiny' }))).toThrow(/same seed/);
  });

  it('describes the change as a OneRoster delta: changed records active, removed ones tobedeleted', () => {
    const before = createDistrict({ seed: 7, size: 'small', day: 2 });
    const after = before.nextDay();
    const changes = after.changesSince(before);
    const delta = after.deltaRecords(before);
    for (const entity of rosterEntities) {
      const records = [...delta[entity]];
      const ids = records.map((record) => record.sourcedId);
      expect(ids).toEqual([...ids].sort());
      const deleted = records.filter((record) => record.status === 'tobedeleted');
      expect(deleted.map((record) => record.sourcedId)).toEqual(changes[entity].deleted);
      for (const record of deleted) {
        expect({ ...record, status: 'active', dateLastModified: undefined }).toEqual({
          ...before.findRecord(entity, record.sourcedId),
          dateLastModified: undefined,
        });
        expect(record.dateLastModified).toBe(after.snapshotTime);
      }
      const active = records.filter((record) => record.status === 'active');
      expect(active.map((record) => record.sourcedId)).toEqual(
        [...changes[entity].created, ...changes[entity].updated].sort(),
      );
      for (const record of active) {
        expect(record).toEqual(after.findRecord(entity, record.sourcedId));
        expect(record.dateLastModified).toBe(after.snapshotTime);
      }
    }
  });
});
