/**
 * listkeeper as a GitHub App (Probot 14, ESM). `npm start` runs
 * `probot run ./lib/app/index.js`, which imports this module's default export.
 *
 * The App is thin: it reads webhooks and HTTP triggers, queues the work per
 * repository (answering GitHub at once), and calls the shared workflows of
 * src/github — the same ones the Action runs — with the installation's
 * Octokit. Its own parts are the check run, the config lookup through
 * Probot's config plugin, and the report route for an outside cron.
 */
import type { ApplicationFunction, Context, Logger, Probot } from 'probot';
import type { CheckLinksOptions } from '../links/index.js';
import { parseCommand } from '../github/command-parse.js';
import { runCommentJob } from './command-job.js';
import { CHECK_NAME } from './check-run.js';
import { budgetFromEnv, workerPrAnalyzer, type WorkerBudget } from './core-worker.js';
import { RecentDeliveries } from './deliveries.js';
import { isOwnEvent, readCheckRunRerequest, readCheckSuiteRerequest, readIssueCommentEvent, readPullRequestEvent, type PullRequestEvent } from './events.js';
import { AppIdentity } from './identity.js';
import { installedRepositories } from './installations.js';
import { JobQueue } from './jobs.js';
import { runPullRequestJob, type JobDeps } from './pr-check-job.js';
import { runReportJob } from './report-job.js';
import type { SecondaryLimitOptions } from './rate-limit.js';
import { createRoutes, type RepositoryName, type ReportTriggerResult } from './routes.js';
import { answerBadSignaturesWith401, answerUnsignedWebhooksWith401 } from './webhook-auth.js';
import { appClient } from './workflow-context.js';

export interface AppOptions {
  /** Secret of `POST /listkeeper/report`; default `LISTKEEPER_REPORT_SECRET`. */
  reportSecret?: string;
  /** The job queue (tests pass their own to wait for it). */
  jobs?: JobQueue;
  /** The clock ("today" for dates and reports). */
  now?: () => Date;
  /**
   * Link-checker options over each repository's config (tests: short timeouts, a lookup, an
   * `allowAddress` for their loopback servers). Private addresses are always refused.
   */
  linkOptions?: Omit<CheckLinksOptions, 'privateAddresses'>;
  /** Waits on GitHub's secondary rate limits (tests: milliseconds instead of seconds). */
  secondaryRateLimit?: Partial<SecondaryLimitOptions>;
  /**
   * Time and heap for parsing and linting a pull request's lists in a worker;
   * default `LISTKEEPER_PARSE_BUDGET_MS` / `LISTKEEPER_PARSE_MEMORY_MB`, else 20 s and 512 MB.
   */
  parseBudget?: Partial<WorkerBudget>;
  /** Webhook deliveries already handled (tests pass one with a small bound or a clock). */
  deliveries?: RecentDeliveries;
}

export const PULL_REQUEST_EVENTS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.ready_for_review',
] as const;

export function createApp(options: AppOptions = {}): ApplicationFunction {
  return (app, { addHandler }) => {
    const now = options.now ?? (() => new Date());
    // Read once at start: a bad value stops the server with its name rather than being ignored.
    const analyze = workerPrAnalyzer({ ...budgetFromEnv(), ...options.parseBudget });
    const identity = new AppIdentity(app);
    answerBadSignaturesWith401(app.webhooks);
    answerUnsignedWebhooksWith401(app);
    const jobs =
      options.jobs ??
      new JobQueue({ onError: (lane, key, error) => app.log.error({ err: error }, `job ${key} on ${lane} failed`) });

    /** What every job gets: the clock, the App's login, the link checker's token and options, the parsing worker. */
    const jobDeps = async (octokit: Context['octokit'], log: Logger): Promise<JobDeps> => ({
      log,
      now,
      analyze,
      selfLogin: await identity.login(),
      // Links come from strangers' pull requests and the App runs inside someone's network.
      linkOptions: { ...(await tokenLinkOptions(octokit)), ...options.linkOptions, privateAddresses: 'refuse' },
    });

    const checkPullRequest = (context: Pick<Context, 'octokit' | 'log'>, event: PullRequestEvent): void => {
      const client = appClient(context.octokit, options.secondaryRateLimit);
      jobs.enqueue(`${event.owner}/${event.repo}`, `pull#${event.pullNumber}`, async () => {
        await runPullRequestJob(client, event, await jobDeps(context.octokit, context.log));
      });
    };

    const deliveries = options.deliveries ?? new RecentDeliveries();
    /** A redelivery of a webhook already handled (same `X-GitHub-Delivery`) is logged and dropped. */
    const redelivered = (context: Pick<Context, 'log' | 'name' | 'id'>): boolean => {
      if (deliveries.firstTime(context.id)) return false;
      ignore(context, 'a redelivery of a webhook already handled');
      return true;
    };

    app.on([...PULL_REQUEST_EVENTS], async (context) => {
      if (redelivered(context)) return;
      const read = readPullRequestEvent(context.payload);
      if (!read.ok) return ignore(context, read.error);
      if (await causedBySelf(read.event.sender, identity)) return ignore(context, 'caused by the App itself');
      checkPullRequest(context, read.event);
    });

    // "Re-run" on the check run.
    app.on('check_run.rerequested', async (context) => {
      if (redelivered(context)) return;
      const read = readCheckRunRerequest(context.payload, CHECK_NAME);
      if (!read.ok) return ignore(context, read.error);
      if (read.event.length === 0) return ignore(context, 'the check run belongs to no pull request GitHub names');
      for (const event of read.event) checkPullRequest(context, event);
    });

    // "Re-run all checks" on the suite (GitHub sends it only to the suite's App: this one).
    app.on('check_suite.rerequested', async (context) => {
      if (redelivered(context)) return;
      const read = readCheckSuiteRerequest(context.payload);
      if (!read.ok) return ignore(context, read.error);
      if (read.event.length === 0) return ignore(context, 'the check suite belongs to no pull request GitHub names');
      for (const event of read.event) checkPullRequest(context, event);
    });

    app.on('issue_comment.created', async (context) => {
      if (redelivered(context)) return;
      const read = readIssueCommentEvent(context.payload);
      if (!read.ok) return ignore(context, read.error);
      const event = read.event;
      // Bots (the App included) never run commands: no loops, no bot wars.
      if (event.sender.type === 'Bot') return ignore(context, 'comment by a bot');
      if (parseCommand(event.comment.comment.body) === null) return;
      const client = appClient(context.octokit, options.secondaryRateLimit);
      jobs.enqueue(`${event.owner}/${event.repo}`, `comment#${event.comment.comment.id}`, async () => {
        await runCommentJob(client, event, await jobDeps(context.octokit, context.log));
      });
    });

    const triggerReport = async (target: RepositoryName | null): Promise<ReportTriggerResult> => {
      const found = await installedRepositories(app, target);
      if (!found.ok) return found;
      for (const repository of found.repositories) {
        jobs.enqueue(`${repository.owner}/${repository.repo}`, 'report', async () => {
          const octokit = await app.auth(repository.installationId);
          const log = app.log.child({ repository: `${repository.owner}/${repository.repo}` });
          await runReportJob(appClient(octokit, options.secondaryRateLimit), repository, await jobDeps(octokit, log));
        });
      }
      return { ok: true, queued: found.repositories.map((r) => `${r.owner}/${r.repo}`) };
    };

    const routes = createRoutes({
      reportSecret: options.reportSecret ?? process.env.LISTKEEPER_REPORT_SECRET,
      health: () => ({ app: 'listkeeper', probot: app.version, jobs: jobs.size }),
      triggerReport,
    });
    try {
      addHandler(routes);
    } catch (error) {
      // Loaded without Probot's server (createNodeMiddleware, tests): webhooks work, the routes do not exist.
      app.log.warn(`listkeeper's HTTP routes are not served: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

/** Bots other than the App are served; the App's own events are not (no loops). */
async function causedBySelf(sender: { login: string; type: string }, identity: AppIdentity): Promise<boolean> {
  if (sender.type !== 'Bot') return false;
  return isOwnEvent(sender, await identity.login());
}

function ignore(context: Pick<Context, 'log' | 'name' | 'id'>, reason: string): void {
  context.log.info(`${context.name} ${context.id} ignored: ${reason}`);
}

/**
 * The installation token lets the link checker ask GitHub's API about
 * `github.com/OWNER/REPO` links. Only on github.com: an Enterprise
 * Server's token means nothing to api.github.com.
 */
async function tokenLinkOptions(octokit: Context['octokit']): Promise<CheckLinksOptions> {
  const baseUrl = octokit.request.endpoint.DEFAULTS.baseUrl;
  if (baseUrl !== 'https://api.github.com') return {};
  const auth = (await octokit.auth({ type: 'installation' })) as { token?: unknown };
  return typeof auth.token === 'string' ? { githubToken: auth.token } : {};
}

const app: ApplicationFunction = createApp();
export default app;

export type { Probot };
