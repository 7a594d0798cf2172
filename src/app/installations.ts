/**
 * The repositories a report trigger covers: one named repository (through
 * the App's installation on it), or every repository of every installation.
 * Suspended installations and archived repositories are left out.
 */
import type { Probot } from 'probot';
import { describeError, httpStatus } from '../github/git/http-error.js';
import type { RepositoryName } from './routes.js';

export interface InstalledRepository {
  owner: string;
  repo: string;
  installationId: number;
}

export type InstalledRepositoriesResult =
  | { ok: true; repositories: InstalledRepository[] }
  | { ok: false; status: 404 | 502; error: string };

export async function installedRepositories(app: Probot, target: RepositoryName | null): Promise<InstalledRepositoriesResult> {
  try {
    return { ok: true, repositories: target ? [await oneRepository(app, target)] : await everyRepository(app) };
  } catch (error) {
    if (target && httpStatus(error) === 404) {
      return { ok: false, status: 404, error: `the App is not installed on ${target.owner}/${target.repo}` };
    }
    return { ok: false, status: 502, error: `GitHub: ${describeError(error)}` };
  }
}

async function oneRepository(app: Probot, target: RepositoryName): Promise<InstalledRepository> {
  const octokit = await app.auth();
  const { data } = await octokit.rest.apps.getRepoInstallation({ owner: target.owner, repo: target.repo });
  return { owner: target.owner, repo: target.repo, installationId: data.id };
}

async function everyRepository(app: Probot): Promise<InstalledRepository[]> {
  const octokit = await app.auth();
  const installations = await octokit.paginate(octokit.rest.apps.listInstallations, { per_page: 100 });
  const out: InstalledRepository[] = [];
  for (const installation of installations) {
    if (installation.suspended_at) continue;
    const installed = await app.auth(installation.id);
    const repositories = await installed.paginate(installed.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
    for (const repository of repositories) {
      if (repository.archived || repository.disabled) continue;
      out.push({ owner: repository.owner.login, repo: repository.name, installationId: installation.id });
    }
  }
  return out;
}
