/**
 * The dead-link report of one repository, for the report route (an outside
 * cron): the shared report workflow (src/github/report-issue.ts) on the
 * default branch, with the repository's config. One issue, edited in place;
 * the failure history lives in its body, so the server keeps nothing.
 */
import { runReport } from '../github/report-issue.js';
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
  const result = await runReport(client, ctx, { linkOptions: deps.linkOptions });
  deps.log.info(`${owner}/${repo}: report ${result.action}, ${result.dead.length} dead`);
}
