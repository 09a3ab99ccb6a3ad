import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A real `uam serve` in its own process, so its peak memory (VmHWM) is measured alone. */
export interface ServerProcess {
  url: string;
  pid: number;
  /** Peak resident set size of the server process so far, bytes (Linux VmHWM). */
  peakRssBytes(): number;
  stop(): Promise<void>;
}

export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uam-bench-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    // As `npm start` runs it.
    [
      '--max-semi-space-size=4',
      '--import',
      'tsx',
      path.join(repo, 'packages/server/src/cli/main.ts'),
      'serve',
    ],
    {
      env: { ...process.env, UAM_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', ...env },
      stdio: 'inherit',
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  // Ready, not just alive: as a deployed server is by the time users upload (readiness includes
  // the worker thread's warm-up).
  while (
    !(await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    peakRssBytes() {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Minimal API client for benches: JSON calls with a bearer token. */
export function apiClient(base: string) {
  let token = '';
  const call = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${base}/api/v1${p}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${p} → ${r.status} ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    call,
    async signUp() {
      const s = await call<{ accessToken: string }>('POST', '/auth/register', {
        email: 'bench@uam.test',
        password: 'bench-password-1',
        name: 'Bench',
      });
      token = s.accessToken;
    },
    get token() {
      return token;
    },
  };
}

/**
 * POST a file as multipart/form-data, streamed from disk the way curl or a browser sends it
 * (with curl itself when there is one and the body is not paced).
 * (Node's fetch with a FormData of `fs.openAsBlob` spent ~2 s of CPU on a 140 MB file, in the
 * bench's own process on a 2-core machine, which the server's figure would then carry.)
 */
export function uploadFile(
  url: string,
  token: string,
  file: string,
  /** Pace the body at this many bytes per second, as a network link would (default: as fast as possible). */
  bytesPerSecond?: number,
): Promise<{ status: number; body: string }> {
  if (!bytesPerSecond && hasCurl()) return curlUpload(url, token, file);
  const boundary = `----uam-bench-${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${path.basename(file)}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + fs.statSync(file).size + tail.length;
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': length,
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.write(head);
    const source = fs.createReadStream(file, { highWaterMark: 1024 * 1024 });
    source.on('error', reject);
    source.on('end', () => req.end(tail));
    if (!bytesPerSecond) {
      source.pipe(req, { end: false });
      return;
    }
    const started = performance.now();
    let sent = 0;
    source.on('data', (chunk) => {
      sent += chunk.length;
      req.write(chunk);
      const ahead = (sent / bytesPerSecond) * 1000 - (performance.now() - started);
      if (ahead > 0) {
        source.pause();
        setTimeout(() => source.resume(), ahead);
      }
    });
  });
}

/**
 * Resolves with a job's final status, told by the server's event socket (as the web app is)
 * rather than by polling, which would load the server being measured.
 */
export async function waitForJob(base: string, token: string, jobId: string): Promise<string> {
  const terminal = new Set(['succeeded', 'failed', 'cancelled']);
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/api/v1/events?token=${encodeURIComponent(token)}`);
  try {
    return await new Promise<string>((resolve, reject) => {
      ws.on('error', reject);
      ws.on('close', () => reject(new Error('event socket closed')));
      ws.on('message', async (raw) => {
        const m = JSON.parse(String(raw)) as { type: string; job?: { id: string; status: string } };
        if (m.type === 'ready') {
          // Subscribed: a job that finished before this point is seen by one read.
          const r = await fetch(`${base}/api/v1/jobs/${jobId}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          const { job } = (await r.json()) as { job: { status: string } };
          if (terminal.has(job.status)) resolve(job.status);
        } else if (m.type === 'job.updated' && m.job?.id === jobId && terminal.has(m.job.status)) {
          resolve(m.job.status);
        } else if (m.type === 'error') {
          reject(new Error(String(raw)));
        }
      });
    });
  } finally {
    ws.removeAllListeners('close');
    ws.close();
  }
}

let curlFound: boolean | undefined;
/** curl, when installed and not turned off with BENCH_CURL=0. */
function hasCurl(): boolean {
  curlFound ??= process.env.BENCH_CURL !== '0' && spawnSync('curl', ['--version']).status === 0;
  return curlFound;
}

/**
 * The upload as curl streams it (`-F file=@…`, with a Content-Length): a native client, as a
 * browser is. It matters on a 2-core machine, where the client shares the cores with the server
 * (it would run elsewhere in real use): Node's http client spent ~0.4 s of CPU on 140 MB,
 * curl ~0.12 s.
 */
function curlUpload(url: string, token: string, file: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      'curl',
      [
        '-sS',
        '-H',
        `authorization: Bearer ${token}`,
        '-H',
        'Expect:',
        '-F',
        `file=@${file}`,
        '-w',
        '\n%{http_code}',
        url,
      ],
      { maxBuffer: 16 * 1024 * 1024 },
      (err, stdout) => {
        if (err) return reject(err);
        const cut = stdout.lastIndexOf('\n');
        resolve({ status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) });
      },
    );
  });
}
