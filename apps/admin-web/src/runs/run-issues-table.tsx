import { useState } from 'react';
import { useSession } from '../app-context';
import { EmptyState, ErrorState, InlineError, LoadingState } from '../ui/async-states';
import { Pager } from '../ui/pager';
import { useAsync } from '../ui/use-async';
import { entityLabel } from './run-stats';

const pageSize = 25;

/** A run's per-record issues, paged, with a CSV download of all of them. */
export function RunIssuesTable({ runId }: { runId: string }) {
  const { api } = useSession();
  const [offset, setOffset] = useState(0);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const issues = useAsync(() => api.listRunIssues(runId, { limit: pageSize, offset }), [api, runId, offset]);

  async function download() {
    setDownloadError(null);
    try {
      // The API needs the bearer token, which a plain link cannot send: fetch, then hand over a blob.
      const blob = await api.downloadRunIssuesCsv(runId);
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = `sync-run-${runId}-issues.csv`;
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      setDownloadError(error);
    }
  }

  return (
    <section aria-labelledby="issues-title">
      <div className="section-header">
        <h2 className="section-title" id="issues-title">
          Record issues {issues.data ? <span className="muted">({issues.data.total})</span> : null}
        </h2>
        {issues.data && issues.data.total > 0 ? (
          <button type="button" className="button" onClick={download}>
            Download CSV
          </button>
        ) : null}
      </div>
      <InlineError error={downloadError} />
      {issues.status === 'loading' ? (
        <LoadingState label="Loading issues…" />
      ) : issues.status === 'error' ? (
        <ErrorState error={issues.error} onRetry={issues.reload} title="Could not load the issues." />
      ) : issues.data.items.length === 0 ? (
        <EmptyState title="No issues">
          <p>Every record of this run was read and matched.</p>
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table responsive-table">
              <caption className="visually-hidden">Record issues</caption>
              <thead>
                <tr>
                  <th scope="col">Entity</th>
                  <th scope="col">Source ID</th>
                  <th scope="col">Problem</th>
                  <th scope="col">Where</th>
                </tr>
              </thead>
              <tbody>
                {issues.data.items.map((issue, index) => (
                  <tr key={issue.id ?? `${offset + index}`}>
                    <td data-label="Entity">{issue.entity ? entityLabel(issue.entity) : '—'}</td>
                    <td data-label="Source ID" className="mono">
                      {issue.sourcedId ?? '—'}
                    </td>
                    <td data-label="Problem">
                      {issue.code ? <span className="muted">{issue.code}: </span> : null}
                      {issue.message}
                    </td>
                    <td data-label="Where">{issue.location ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            total={issues.data.total}
            limit={pageSize}
            offset={offset}
            onChange={setOffset}
            label="Issue pages"
          />
        </>
      )}
    </section>
  );
}
