// One throwaway PostgreSQL cluster for the whole unit run: every server test file that runs on
// PostgreSQL creates its own database in it (initdb costs about 2 s, a database a few ms).
import type { TestProject } from 'vitest/node';
import { startPostgres } from '../system/postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresPort: number;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startPostgres();
  project.provide('postgresPort', cluster.port);
  return () => cluster.stop();
}
