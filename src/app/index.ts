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
import type { PageMetadataReader } from '../links/metadata/types.js';
import type { ApplicationFunction, Context, Logger, Probot } from 'probot';
import { progressWriter, type CheckLinksOptions } from '../links/index.js';
import { parseCommand } from '../github/commands/command-parse.js';
import { runCommentJob, runLabelJob } from './command-job.js';
import { CHECK_NAME } from './check-run.js';
import { budgetFromEnv, workerCoreSteps, type WorkerBudget } from './core-worker.js';
import { RecentDeliveries } from './deliveries.js';
import {
  isOwnEvent,
  readCheckRunRerequest,
  readCheckSuiteRerequest,
  readIssueCommentEvent,
  readIssueLabeledEvent,
  readPullRequestEvent,
  type IssueCommentEvent,
  type IssueLabeledEvent,
  type PullRequestEvent,
} from './events.js';
import type { DeliveryLog } from './delivery-log.js';
import { AppIdentity } from './identity.js';
import { installedRepositories, type InstalledRepository } from './installations.js';
import { JobQueue } from './jobs.js';
import { runPullRequestJob, type JobDeps } from './pr-check-job.js';
import { runReportJob } from './report-job.js';
import type { SecondaryLimitOptions } from './rate-limit.js';
// Type only: bullmq and ioredis are optional peers, loaded only when REDIS_URL is set.
import type { RedisState } from './redis-jobs.js';
import { createRoutes, type RepositoryName, type ReportTriggerResult } from './routes.js';
import { answerBadSignaturesWith401, answerUnsignedWebhooksWith401 } from './webhook-auth.js';
import { appClient, webUrlOfApi } from './workflow-context.js';

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
  /** Reads the pages of a PR's new entries for `entry-metadata` (default: the page reader over `linkOptions`, private addresses refused). */
  readPage?: PageMetadataReader;
  /** Waits on GitHub's secondary rate limits (tests: milliseconds instead of seconds). */
  secondaryRateLimit?: Partial<SecondaryLimitOptions>;
  /**
   * Time and heap for parsing and linting a pull request's lists in a worker;
   * default `LISTKEEPER_PARSE_BUDGET_MS` / `LISTKEEPER_PARSE_MEMORY_MB`, else 20 s and 512 MB.
   */
  parseBudget?: Partial<WorkerBudget>;
  /**
   * The queue and delivery log shared by several replicas; by default opened on `REDIS_URL`
   * when it is set (tests pass their own, one per replica). Without it, `jobs` runs the work.
   */
  redis?: RedisState<AppJob>;
  /** Delivery ids already handled: by default the Redis one when there is Redis, else one in memory. */
  deliveries?: DeliveryLog;
}

/**
 * A job as data, so that any replica can run it: which work, on which
 * repository, through which installation.
 */
export type AppJob =
  | { kind: 'pull'; event: PullRequestEvent }
  | { kind: 'comment'; event: IssueCommentEvent }
  | { kind: 'label'; event: IssueLabeledEvent }
  | { kind: 'report'; repository: InstalledRepository };

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
    const coreSteps = workerCoreSteps({ ...budgetFromEnv(), ...options.parseBudget });
    const identity = new AppIdentity(app);
    answerBadSignaturesWith401(app.webhooks);
    answerUnsignedWebhooksWith401(app);
    const onError = (lane: string, key: string, error: unknown): void => app.log.error({ err: error }, `job ${key} on ${lane} failed`);
    const jobs = options.jobs ?? new JobQueue({ onError });
    // Opened once at start; until then (and for good without REDIS_URL) this process's own queue.
    const redisReady: Promise<RedisState<AppJob> | null> = options.redis ? Promise.resolve(options.redis) : redisFromEnv(app.log, onError);
    let redis: RedisState<AppJob> | null = options.redis ?? null;
    const inMemoryDeliveries = new RecentDeliveries();
    const deliveryLog = async (): Promise<DeliveryLog> => options.deliveries ?? (await redisReady)?.deliveries ?? inMemoryDeliveries;

    /** What every job gets: the clock, the App's login, the link checker's token and options, the parsing worker. */
    const jobDeps = async (octokit: Context['octokit'], log: Logger): Promise<JobDeps> => ({
      log,
      now,
      ...coreSteps,
      selfLogin: await identity.login(),
      serverUrl: webUrlOfApi(octokit.request.endpoint.DEFAULTS.baseUrl),
      // Links come from strangers' pull requests and the App runs inside someone's network.
      linkOptions: {
        ...(await tokenLinkOptions(octokit)),
        // A long check shows in the App's log (no terminal: a line every ~10 s or 10 %).
        onProgress: progressWriter({ kind: 'log', writeLine: (line) => log.info(line) }).update,
        ...options.linkOptions,
        privateAddresses: 'refuse',
      },
      ...(options.readPage ? { readPage: options.readPage } : {}),
    });

    /** Runs a job through the webhook's Octokit when this process got it, else as the installation. */
    const runJob = async (job: AppJob, via?: Pick<Context, 'octokit' | 'log'>): Promise<void> => {
      const { owner, repo, installationId } = job.kind === 'report' ? job.repository : job.event;
      const octokit = via?.octokit ?? (await app.auth(installationId));
      const log = via?.log ?? app.log.child({ repository: `${owner}/${repo}` });
      const client = appClient(octokit, options.secondaryRateLimit);
      const deps = await jobDeps(octokit, log);
      if (job.kind === 'pull') await runPullRequestJob(client, job.event, deps);
      else if (job.kind === 'comment') await runCommentJob(client, job.event, deps);
      else if (job.kind === 'label') await runLabelJob(client, job.event, deps);
      else await runReportJob(client, job.repository, deps);
    };
    void redisReady.then((opened) => {
      redis = opened;
      opened?.jobs.serve((job) => runJob(job)).catch((error: unknown) => onError('redis', 'serve', error));
    });

    /** Queues a job in its repository's lane: in Redis for all replicas, or in this process. */
    const queueJob = async (key: string, job: AppJob, via?: Pick<Context, 'octokit' | 'log'>): Promise<void> => {
      const { owner, repo } = job.kind === 'report' ? job.repository : job.event;
      const shared = await redisReady;
      if (shared) await shared.jobs.enqueue(`${owner}/${repo}`, key, job);
      else jobs.enqueue(`${owner}/${repo}`, key, () => runJob(job, via));
    };

    /** A redelivery of a webhook already handled (same `X-GitHub-Delivery`; with Redis, by any replica) is logged and dropped. */
    const redelivered = async (context: Pick<Context, 'log' | 'name' | 'id'>): Promise<boolean> => {
      if (await (await deliveryLog()).firstTime(context.id)) return false;
      ignore(context, 'a redelivery of a webhook already handled');
      return true;
    };

    const checkPullRequest = (context: Pick<Context, 'octokit' | 'log'>, event: PullRequestEvent): Promise<void> =>
      queueJob(`pull#${event.pullNumber}`, { kind: 'pull', event }, context);

    app.on([...PULL_REQUEST_EVENTS], async (context) => {
      if (await redelivered(context)) return;
      const read = readPullRequestEvent(context.payload);
      if (!read.ok) return ignore(context, read.error);
      if (await causedBySelf(read.event.sender, identity)) return ignore(context, 'caused by the App itself');
      await checkPullRequest(context, read.event);
    });

    // "Re-run" on the check run.
    app.on('check_run.rerequested', async (context) => {
      if (await redelivered(context)) return;
      const read = readCheckRunRerequest(context.payload, CHECK_NAME);
      if (!read.ok) return ignore(context, read.error);
      if (read.event.length === 0) return ignore(context, 'the check run belongs to no pull request GitHub names');
      for (const event of read.event) await checkPullRequest(context, event);
    });

    // "Re-run all checks" on the suite (GitHub sends it only to the suite's App: this one).
    app.on('check_suite.rerequested', async (context) => {
      if (await redelivered(context)) return;
      const read = readCheckSuiteRerequest(context.payload);
      if (!read.ok) return ignore(context, read.error);
      if (read.event.length === 0) return ignore(context, 'the check suite belongs to no pull request GitHub names');
      for (const event of read.event) await checkPullRequest(context, event);
    });

    app.on('issue_comment.created', async (context) => {
      if (await redelivered(context)) return;
      const read = readIssueCommentEvent(context.payload);
      if (!read.ok) return ignore(context, read.error);
      const event = read.event;
      // Bots (the App included) never run commands: no loops, no bot wars.
      if (event.sender.type === 'Bot') return ignore(context, 'comment by a bot');
      if (parseCommand(event.comment.comment.body) === null) return;
      await queueJob(`comment#${event.comment.comment.id}`, { kind: 'comment', event }, context);
    });

    // A maintainer labels a "Suggest an article" issue: the job reads the config and checks the label.
    app.on('issues.labeled', async (context) => {
      if (await redelivered(context)) return;
      const read = readIssueLabeledEvent(context.payload);
      if (!read.ok) return ignore(context, read.error);
      const event = read.event;
      if (event.sender.type === 'Bot') return ignore(context, 'labelled by a bot');
      if (event.label.issue.pull_request) return ignore(context, 'a label on a pull request');
      await queueJob(`label#${event.label.issue.number}`, { kind: 'label', event }, context);
    });

    const triggerReport = async (target: RepositoryName | null): Promise<ReportTriggerResult> => {
      const found = await installedRepositories(app, target);
      if (!found.ok) return found;
      for (const repository of found.repositories) await queueJob('report', { kind: 'report', repository });
      return { ok: true, queued: found.repositories.map((r) => `${r.owner}/${r.repo}`) };
    };

    const routes = createRoutes({
      reportSecret: options.reportSecret ?? process.env.LISTKEEPER_REPORT_SECRET,
      // With Redis: the jobs this replica runs (the waiting ones are in Redis, for all).
      health: () => ({ app: 'listkeeper', probot: app.version, jobs: redis ? redis.jobs.size : jobs.size }),
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

/**
 * The shared state on `REDIS_URL`, or null without it. A malformed one stops the server at
 * start with its reason on one line (exit 2), before replicas run with a queue each.
 */
async function redisFromEnv(log: Logger, onError: (lane: string, key: string, error: unknown) => void): Promise<RedisState<AppJob> | null> {
  const value = process.env.REDIS_URL;
  if (!value) return null;
  let loaded: typeof import('./redis-jobs.js');
  try {
    loaded = await import('./redis-jobs.js');
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    process.stderr.write(`listkeeper: REDIS_URL is set but the Redis queue cannot be loaded (${reason}); install bullmq@6.7.6 and ioredis@5.9.3 beside listkeeper\n`);
    process.exit(2);
  }
  const { checkRedisUrl, openRedisState } = loaded;
  const checked = checkRedisUrl(value);
  if (!checked.ok) {
    process.stderr.write(`listkeeper: ${checked.error}\n`);
    process.exit(2);
  }
  return openRedisState<AppJob>(checked.url, {
    onError,
    onConnectionError: (error) => log.error(`Redis (REDIS_URL): ${error.message}; retrying`),
  });
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
