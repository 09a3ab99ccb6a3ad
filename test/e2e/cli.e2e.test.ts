import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * The commands a newcomer types: `npm start` on a new data directory answers /healthz within
 * 10 s, and the `uam` CLI migrates, creates an admin and refuses bad configuration by name.
 */
const root = path.resolve(import.meta.dirname, '../..');
const uam = path.join(root, 'node_modules', '.bin', 'uam');
const children: ChildProcess[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'uam-cli-'));
const baseEnv = { ...process.env, LOG_LEVEL: 'warn', CI: process.env.CI ?? '' };

describe('npm start', () => {
  it('answers /healthz within 10 s on a new data directory, then stops on SIGTERM', async () => {
    const dataDir = tmpDir();
    const port = await freePort();
    const started = Date.now();
    const child = spawn('npm', ['start', '--silent'], {
      cwd: root,
      env: { ...baseEnv, UAM_DATA_DIR: dataDir, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    children.push(child);
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    let healthy = false;
    while (Date.now() - started < 10_000 && child.exitCode === null) {
      healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (healthy) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const elapsed = Date.now() - started;
    expect(healthy, `not healthy after ${elapsed} ms:\n${output}`).toBe(true);
    expect(elapsed).toBeLessThan(10_000);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.json());
    expect(ready.status).toBe('ready');
    expect(fs.existsSync(path.join(dataDir, 'db', 'PG_VERSION'))).toBe(true);
    // npm runs node as a child: signal the whole group, as a terminal's Ctrl-C would.
    process.kill(-child.pid!, 'SIGTERM');
    const exit = await new Promise<{ code: number | null; signal: string | null }>((r) =>
      child.once('exit', (code, signal) => r({ code, signal })),
    );
    // npm itself may die of the signal; the server under it must have closed its port.
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    expect(
      await fetch(`http://127.0.0.1:${port}/healthz`).then(
        () => 'open',
        () => 'closed',
      ),
    ).toBe('closed');
  }, 60_000);
});

describe('uam CLI', () => {
  it('migrates, creates an admin who can then sign in, and promotes existing users', async () => {
    const dataDir = tmpDir();
    const env = { ...baseEnv, UAM_DATA_DIR: dataDir };
    const migrate = spawnSync(uam, ['migrate'], { env, encoding: 'utf8' });
    expect(migrate.status, migrate.stderr).toBe(0);
    // The install-time PGlite dump may already hold the older migrations: any applied one, or none.
    expect(migrate.stdout).toMatch(/applied: \d{4}-[a-z-]+|up to date/);
    const again = spawnSync(uam, ['migrate'], { env, encoding: 'utf8' });
    expect(again.stdout).toMatch(/up to date/);
    const admin = spawnSync(uam, ['create-admin', '--email', 'root@cli.test', '--name', 'Root'], {
      env,
      encoding: 'utf8',
    });
    expect(admin.status, admin.stderr).toBe(0);
    const password = /Password \(shown once\): (\S+)/.exec(admin.stdout)?.[1];
    expect(password).toBeTruthy();

    const port = await freePort();
    const server = spawn(uam, ['serve'], { env: { ...env, PORT: String(port) }, stdio: 'ignore' });
    children.push(server);
    const deadline = Date.now() + 30_000;
    while (
      !(await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (Date.now() > deadline) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'root@cli.test', password }),
    });
    expect(login.status).toBe(200);
    expect((await login.json()).user.role).toBe('admin');
  }, 90_000);

  it.each([
    ['PORT', 'eighty'],
    ['UAM_SIGNUP', 'sometimes'],
    ['DATABASE_URL', 'mysql://localhost/x'],
  ])('refuses to start with %s=%s and names the variable', (name, value) => {
    const r = spawnSync(uam, ['serve'], {
      env: { ...baseEnv, UAM_DATA_DIR: tmpDir(), [name]: value },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(name);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('explains its usage and rejects unknown commands', () => {
    const help = spawnSync(uam, ['--help'], { encoding: 'utf8' });
    expect(help.stdout).toMatch(/serve[\s\S]*worker[\s\S]*migrate[\s\S]*create-admin/);
    const bad = spawnSync(uam, ['frobnicate'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Unknown command/);
    const noEmail = spawnSync(uam, ['create-admin'], {
      env: { ...baseEnv, UAM_DATA_DIR: tmpDir() },
      encoding: 'utf8',
    });
    expect(noEmail.status).toBe(1);
    expect(noEmail.stderr).toMatch(/--email/);
  });
});
