import type { SchedulePreset } from '../api/api-types';
import { type CronCheck, isValidTimeZone, validateCron } from './validate-cron';

/** The schedule as the admin is choosing it. */
export interface ScheduleDraft {
  choice: 'manual' | 'preset' | 'custom';
  presetName: string;
  customCron: string;
  timeZone: string;
}

/** A draft for a stored schedule: a preset when the cron is one, custom otherwise, manual when none. */
export function scheduleDraftFor(
  cron: string | null | undefined,
  timeZone: string,
  presets: readonly SchedulePreset[],
): ScheduleDraft {
  if (!cron) return { choice: 'manual', presetName: presets[0]?.name ?? '', customCron: '', timeZone };
  const preset = presets.find((candidate) => candidate.cron === cron || candidate.name === cron);
  return preset
    ? { choice: 'preset', presetName: preset.name, customCron: '', timeZone }
    : { choice: 'custom', presetName: presets[0]?.name ?? '', customCron: cron, timeZone };
}

/** The cron the draft stands for (null = manual only). */
export function cronOfDraft(draft: ScheduleDraft, presets: readonly SchedulePreset[]): string | null {
  if (draft.choice === 'manual') return null;
  if (draft.choice === 'preset')
    return presets.find((preset) => preset.name === draft.presetName)?.cron ?? null;
  return draft.customCron.trim().replace(/\s+/g, ' ');
}

/** Checks the draft: its cron and time zone, with the next three runs when valid. */
export function checkScheduleDraft(
  draft: ScheduleDraft,
  presets: readonly SchedulePreset[],
  from?: Date,
): CronCheck | null {
  if (draft.choice === 'manual') {
    return isValidTimeZone(draft.timeZone)
      ? null
      : { valid: false, message: `"${draft.timeZone}" is not a known time zone (e.g. America/Chicago).` };
  }
  const cron = cronOfDraft(draft, presets);
  if (cron === null) return { valid: false, message: 'Pick a schedule.' };
  return validateCron(cron, draft.timeZone, from ? { from } : {});
}
