import type { CleverDataset } from './clever-dataset.js';
import { type CleverCollection, type CleverRecord, cleverCollections } from './map-clever-records.js';

/** One Clever event: `{id, type, created, data: {object, previous_attributes?}}`. */
export interface CleverEvent {
  id: string;
  type: string;
  created: string;
  data: { object: CleverRecord; previous_attributes?: Record<string, unknown> };
}

/** Why a `starting_after` cursor cannot be served. */
export type CleverCursorProblem = 'expired' | 'unknown';

const thirtyDaysMs = 30 * 24 * 60 * 60 * 1000;

/** Fields whose change alone is not worth an event. */
const ignoredFields = new Set(['last_modified']);

function changedFields(previous: CleverRecord, next: CleverRecord): Record<string, unknown> | undefined {
  const changed: Record<string, unknown> = {};
  let any = false;
  for (const key of new Set([...Object.keys(previous), ...Object.keys(next)])) {
    if (ignoredFields.has(key)) continue;
    if (JSON.stringify(previous[key]) !== JSON.stringify(next[key])) {
      changed[key] = previous[key] ?? null;
      any = true;
    }
  }
  return any ? changed : undefined;
}

/**
 * Clever's `/events` feed: the changes between the districts a server served, oldest first, kept for a
 * retention window (30 days, like Clever). Event ids are ObjectId-shaped (8 hex digits of Unix seconds,
 * then a counter), so they sort by time and `starting_after` can tell an expired cursor from an unknown one.
 */
export class CleverEventFeed {
  readonly #now: () => number;
  readonly #retentionMs: number;
  #events: CleverEvent[] = [];
  #counter = 0;
  #lastSeconds = 0;

  constructor({ now, retentionMs = thirtyDaysMs }: { now: () => number; retentionMs?: number }) {
    this.#now = now;
    this.#retentionMs = retentionMs;
  }

  #nextId(): { id: string; created: string } {
    const time = this.#now();
    this.#lastSeconds = Math.max(this.#lastSeconds, Math.floor(time / 1000));
    this.#counter += 1;
    const id = `${this.#lastSeconds.toString(16).padStart(8, '0')}${this.#counter.toString(16).padStart(16, '0')}`;
    return { id, created: new Date(time).toISOString() };
  }

  #add(type: string, object: CleverRecord, previousAttributes?: Record<string, unknown>): void {
    const { id, created } = this.#nextId();
    this.#events.push({
      id,
      type,
      created,
      data: previousAttributes ? { object, previous_attributes: previousAttributes } : { object },
    });
  }

  /** Adds one `<collection>.created` event, e.g. for the district when a server starts. */
  addCreated(collection: CleverCollection, object: CleverRecord): void {
    this.#add(`${collection}.created`, object);
  }

  /**
   * Appends the events that turn `previous` into `next`: creations and updates parents first (districts …
   * sections), deletions children first. Roster changes are `sections.updated` with the old `students` /
   * `teachers` in `previous_attributes` (Clever has no enrollment events). Returns how many were added.
   */
  recordChanges(previous: CleverDataset, next: CleverDataset): number {
    const before = this.#events.length;
    for (const collection of cleverCollections) {
      const old = previous.collections[collection].byId;
      for (const record of next.collections[collection].items) {
        const earlier = old.get(record.id);
        if (!earlier) {
          this.#add(`${collection}.created`, record);
          continue;
        }
        const changed = changedFields(earlier, record);
        if (changed) this.#add(`${collection}.updated`, record, changed);
      }
    }
    for (const collection of [...cleverCollections].reverse()) {
      const current = next.collections[collection].byId;
      for (const record of previous.collections[collection].items) {
        if (!current.has(record.id)) this.#add(`${collection}.deleted`, record);
      }
    }
    return this.#events.length - before;
  }

  #cutoffSeconds(): number {
    return Math.floor((this.#now() - this.#retentionMs) / 1000);
  }

  /** The events still inside the retention window, oldest first. */
  get events(): readonly CleverEvent[] {
    const cutoff = this.#cutoffSeconds();
    const firstKept = this.#events.findIndex((event) => Number.parseInt(event.id.slice(0, 8), 16) >= cutoff);
    if (firstKept === -1) this.#events = [];
    else if (firstKept > 0) this.#events = this.#events.slice(firstKept);
    return this.#events;
  }

  /**
   * Checks a `starting_after`/`ending_before` event id: `expired` when it is older than the retention
   * window (the events after it may be gone, so the client must run a full sync), `unknown` when no such
   * event was ever issued, undefined when it is in the feed.
   */
  cursorProblem(id: string): CleverCursorProblem | undefined {
    const events = this.events;
    if (events.some((event) => event.id === id)) return undefined;
    if (!/^[0-9a-f]{24}$/.test(id)) return 'unknown';
    // An id this feed issued that is no longer in it was pruned by the retention window.
    const counter = Number.parseInt(id.slice(8), 16);
    return counter >= 1 && counter <= this.#counter ? 'expired' : 'unknown';
  }
}
