/**
 * The dead-link report of one repository, for the report route (an outside
 * cron): the shared report workflow (src/github/report/report-issue.ts) on the
 * default branch, with the repository's config. One issue, edited in place;
 * the failure history lives in its body, so the server keeps nothing.
 */
import { runReport } from '../github/report/report-issue.js';
import { TooComplexError } from '../github/core-budget.js';
import { loadRepoConfig } from './config.js';
import type { InstalledRepository } from './installations.js';
import type { JobDeps } from './pr-check-job.js';
import { workflowContext, type AppClient } from './workflow-context.js';

export async function runReportJob(client: AppClient, repository: InstalledRepository, deps: JobDeps): Promise<void> {
  const { owner, repo } = repository;
  const { data } = await client.rest.repos.get({ owner, repo });
  if (data.archived) {
    deps.log.info(`${owner}/${repo}: archived, no report`);
    return;
  }
  const config = await loadRepoConfig(client, owner, repo);
  if (!config.ok) {
    // Nowhere better to say it: no PR, no comment. The next PR's check run shows it too.
    deps.log.error(`${owner}/${repo}: no report, the configuration is invalid: ${config.error}`);
    return;
  }
  const ctx = workflowContext({ owner, repo, defaultBranch: data.default_branch }, config.config, deps);
  let result: Awaited<ReturnType<typeof runReport>>;
  try {
    result = await runReport(client, ctx, { linkOptions: deps.linkOptions, collectTargets: deps.collectTargets, archiveChanges: deps.archiveChanges });
  } catch (error) {
    // The same words as the PR check; retrying would spend the budget again, so the job ends here.
    if (!(error instanceof TooComplexError)) throw error;
    deps.log.error(`${owner}/${repo}: no report, the list files on ${data.default_branch} are ${error.message}`);
    return;
  }
  deps.log.info(`${owner}/${repo}: report ${result.action}, ${result.dead.length} dead`);
}
