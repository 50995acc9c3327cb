import '../core/zodMessages.ts';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Email, Password, Role } from '../core/account.ts';
import { z } from '../core/z.ts';
import { addTeamMember, createOrganisation, createTeam, createUser, findOrganisation, findTeam, resetPassword } from './accounts/directory.ts';
import { generatePassword, hashPassword } from './accounts/passwords.ts';
import { type Clock, systemClock } from './clock.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { migrate } from './db/migrations.ts';
import { type Database, openDatabase } from './db/open.ts';
import { Problem } from './http/problem.ts';

const HELP = `Floorwalker admin command line

Usage: npm run admin -- <command> [options]

Commands:
  create-org      --name NAME
  create-team     --org ORG --name NAME
  create-user     --org ORG --email EMAIL --name NAME --role agent|supervisor|manager|admin
                  [--team TEAM]... [--crm-name NAME]... [--password PASSWORD]
  reset-password  --email EMAIL [--password PASSWORD]
  backup          --to FILE

ORG and TEAM are an id or an exact name. Without --password a password is generated and printed once.
The database is the server's: DATABASE_URL when set, else DATA_DIR/floorwalker.sqlite (DATA_DIR
defaults to ./data). Exit status: 0 done, 1 failed, 2 bad usage.`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  name: { type: 'string' },
  org: { type: 'string' },
  email: { type: 'string' },
  role: { type: 'string' },
  team: { type: 'string', multiple: true },
  'crm-name': { type: 'string', multiple: true },
  password: { type: 'string' },
  to: { type: 'string' },
} as const;

export interface CliIo {
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
  clock?: Clock;
}

class UsageError extends Error {}

type Options = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function required(options: Options, name: 'name' | 'org' | 'email' | 'role' | 'to'): string {
  const value = options[name];
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

function valid<S extends z.ZodMiniType>(schema: S, value: unknown, option: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(`--${option}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}

/** Runs one command; returns the exit status. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let command: string | undefined;
  let options: Options;
  try {
    const parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    options = parsed.values;
    command = parsed.positionals[0];
    if (parsed.positionals.length > 1) throw new UsageError(`unexpected argument "${parsed.positionals[1]}"`);
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    return 2;
  }
  if (options.help || !command) {
    (command || options.help ? io.out : io.err)(HELP);
    return command || options.help ? 0 : 2;
  }
  const task = COMMANDS[command];
  if (!task) {
    io.err(`unknown command "${command}"\n\n${HELP}`);
    return 2;
  }

  let database: Database | undefined;
  try {
    const config = loadConfig(io.env);
    if ('sqliteFile' in config.database) mkdirSync(config.dataDir, { recursive: true });
    database = openDatabase(config.database);
    await migrate(database);
    await task(options, { config, database, io, now: (io.clock ?? systemClock)() });
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${command}: ${error.message} (see --help)`);
      return 2;
    }
    const known = error instanceof Problem || error instanceof ConfigError;
    io.err(`${command} failed: ${error instanceof Error ? error.message : String(error)}`);
    if (!known && error instanceof Error && error.stack) io.err(error.stack);
    return 1;
  } finally {
    await database?.close();
  }
}

interface TaskContext {
  config: Config;
  database: Database;
  io: CliIo;
  now: Date;
}

const COMMANDS: Record<string, (options: Options, ctx: TaskContext) => Promise<void>> = {
  async 'create-org'(options, { database, io, now }) {
    const org = await createOrganisation(database.db, required(options, 'name'), now);
    io.out(`Created organisation "${org.name}" (${org.id}).`);
  },

  async 'create-team'(options, { database, io, now }) {
    const org = await findOrganisation(database.db, required(options, 'org'));
    const team = await createTeam(database.db, org.id, required(options, 'name'), null, now);
    io.out(`Created team "${team.name}" (${team.id}) in ${org.name}.`);
  },

  async 'create-user'(options, { database, io, now }) {
    const email = valid(Email, required(options, 'email'), 'email');
    const role = valid(Role, required(options, 'role'), 'role');
    const name = required(options, 'name');
    const password = options.password ? valid(Password, options.password, 'password') : generatePassword();
    const org = await findOrganisation(database.db, required(options, 'org'));
    const teams = [];
    for (const team of options.team ?? []) teams.push(await findTeam(database.db, org.id, team));
    const user = await createUser(
      database.db,
      { orgId: org.id, email, name, role, passwordHash: await hashPassword(password), teamIds: teams.map((t) => t.id), crmNames: options['crm-name'] ?? [] },
      null,
      now,
    );
    io.out(`Created ${role} ${name} <${email}> (${user.id}) in ${org.name}${teams.length ? `, teams: ${teams.map((t) => t.name).join(', ')}` : ''}.`);
    if (!options.password) io.out(`Password: ${password}`);
  },

  async 'reset-password'(options, { database, io, now }) {
    const email = valid(Email, required(options, 'email'), 'email');
    const password = options.password ? valid(Password, options.password, 'password') : generatePassword();
    await resetPassword(database.db, email, await hashPassword(password), now);
    io.out(`New password set for ${email}; their sessions are signed out.`);
    if (!options.password) io.out(`Password: ${password}`);
  },

  async backup(options, { config, database, io }) {
    const file = resolve(required(options, 'to'));
    if (existsSync(file)) throw new Problem(409, `${file} already exists: choose a new file`);
    if (database.sqlite) {
      // SQLite's online backup: a consistent copy while the server keeps running.
      await database.sqlite.backup(file);
      io.out(`Backed up the SQLite database to ${file}.`);
      return;
    }
    if (!('postgresUrl' in config.database)) throw new Error('a PostgreSQL database without a URL');
    const url = new URL(config.database.postgresUrl);
    const password = decodeURIComponent(url.password);
    url.password = ''; // passed in the environment, so it does not show in the process list
    const dump = spawnSync('pg_dump', ['--format=custom', `--file=${file}`, `--dbname=${url.href}`], {
      env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
      encoding: 'utf8',
    });
    if (dump.error) {
      throw new Problem(
        501,
        'backing up PostgreSQL needs pg_dump, which is not installed here: install postgresql-client-15 ' +
          '(apt-get install postgresql-client-15) or run pg_dump --format=custom against DATABASE_URL yourself',
      );
    }
    if (dump.status !== 0) throw new Problem(500, `pg_dump failed: ${dump.stderr.trim()}`);
    io.out(`Backed up the PostgreSQL database to ${file} (pg_dump custom format; restore with pg_restore).`);
  },
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCli(process.argv.slice(2), {
    env: process.env,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
}
