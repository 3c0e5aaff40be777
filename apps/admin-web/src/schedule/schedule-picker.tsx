import { useId, useMemo } from 'react';
import type { SchedulePreset } from '../api/api-types';
import { describeSchedule } from './describe-schedule';
import { formatDateTime } from './format-date-time';
import { checkScheduleDraft, cronOfDraft, type ScheduleDraft } from './schedule-draft';
import { presetLabel } from './schedule-presets';

function timeZoneNames(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC'];
}

/**
 * Picks when a provider syncs: manual only, a preset, or a custom cron, in a time zone, showing the
 * schedule in words and the next three run times (or what is wrong with the cron).
 */
export function SchedulePicker(props: {
  draft: ScheduleDraft;
  presets: readonly SchedulePreset[];
  onChange: (draft: ScheduleDraft) => void;
  showErrors: boolean;
}) {
  const { draft, presets, onChange, showErrors } = props;
  const id = useId();
  // Hundreds of options: built once, not on every keystroke.
  const zoneOptions = useMemo(() => timeZoneNames().map((zone) => <option key={zone} value={zone} />), []);
  const check = checkScheduleDraft(draft, presets);
  const cron = cronOfDraft(draft, presets);
  const errorId = `${id}-error`;

  return (
    <fieldset className="schedule-picker">
      <legend>Sync schedule</legend>
      <div className="radio-list" role="radiogroup" aria-label="Schedule">
        <label className="radio">
          <input
            type="radio"
            name={`${id}-choice`}
            checked={draft.choice === 'manual'}
            onChange={() => onChange({ ...draft, choice: 'manual' })}
          />
          Manual only (no automatic syncs)
        </label>
        {presets.map((preset) => (
          <label className="radio" key={preset.name}>
            <input
              type="radio"
              name={`${id}-choice`}
              checked={draft.choice === 'preset' && draft.presetName === preset.name}
              onChange={() => onChange({ ...draft, choice: 'preset', presetName: preset.name })}
            />
            {presetLabel(preset)} <code>{preset.cron}</code>
          </label>
        ))}
        <label className="radio">
          <input
            type="radio"
            name={`${id}-choice`}
            checked={draft.choice === 'custom'}
            onChange={() => onChange({ ...draft, choice: 'custom' })}
          />
          Custom cron expression
        </label>
      </div>
      {draft.choice === 'custom' ? (
        <div className="field">
          <label htmlFor={`${id}-cron`}>Cron expression</label>
          <input
            id={`${id}-cron`}
            type="text"
            className="mono"
            value={draft.customCron}
            placeholder="0 2 * * *"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={showErrors && check?.valid === false}
            aria-describedby={`${id}-cron-help ${errorId}`}
            onChange={(event) => onChange({ ...draft, customCron: event.target.value })}
          />
          <p className="help" id={`${id}-cron-help`}>
            Five fields: minute, hour, day of month, month, day of week. Example: <code>30 5 * * 1-5</code> is
            5:30 AM on weekdays.
          </p>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-zone`}>Time zone</label>
        <input
          id={`${id}-zone`}
          list={`${id}-zones`}
          value={draft.timeZone}
          autoComplete="off"
          onChange={(event) => onChange({ ...draft, timeZone: event.target.value })}
          aria-describedby={`${id}-zone-help`}
        />
        <datalist id={`${id}-zones`}>{zoneOptions}</datalist>
        <p className="help" id={`${id}-zone-help`}>
          The district's local time zone; schedules follow daylight saving time.
        </p>
      </div>
      <div className="schedule-preview" aria-live="polite" id={errorId}>
        {check === null ? (
          <p>Syncs run only when you press “Run sync now”.</p>
        ) : check.valid ? (
          <>
            <p>
              <strong>{describeSchedule(cron, draft.timeZone)}</strong>
            </p>
            <p className="help">Next runs:</p>
            <ol className="next-runs" aria-label="Next run times">
              {check.nextRuns.map((date) => (
                <li key={date.toISOString()}>{formatDateTime(date, draft.timeZone)}</li>
              ))}
            </ol>
          </>
        ) : showErrors || draft.choice === 'custom' ? (
          <p className="field-error">{check.message}</p>
        ) : null}
      </div>
    </fieldset>
  );
}
