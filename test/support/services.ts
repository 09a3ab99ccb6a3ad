import net from 'node:net';

/**
 * Real services for production-mode tests. A suite that needs one runs when it is reachable
 * and is skipped otherwise, except under CI=true, where an unreachable service fails the run.
 */
export const TEST_SERVICES = {
  postgres: { url: process.env.UAM_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  redis: { url: process.env.UAM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' },
  s3: {
    endpoint: process.env.UAM_TEST_S3_ENDPOINT ?? 'http://127.0.0.1:7480',
    accessKeyId: process.env.UAM_TEST_S3_ACCESS_KEY ?? 'TESTACCESSKEY',
    secretAccessKey: process.env.UAM_TEST_S3_SECRET_KEY ?? 'TESTSECRETKEY123',
    region: 'us-east-1',
  },
} as const;

export type ServiceName = keyof typeof TEST_SERVICES;

function hostPort(name: ServiceName): { host: string; port: number } {
  const u = new URL(name === 's3' ? TEST_SERVICES.s3.endpoint : TEST_SERVICES[name].url);
  const fallback = { postgres: 5432, redis: 6379, s3: 80 }[name];
  return { host: u.hostname, port: Number(u.port || fallback) };
}

function reachable(host: string, port: number, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * `true` when the service answers. Under CI=true an unreachable service throws, so the suite
 * fails instead of silently skipping. Use as `describe.skipIf(!(await hasService('redis')))`.
 */
export async function hasService(name: ServiceName): Promise<boolean> {
  const { host, port } = hostPort(name);
  const ok = await reachable(host, port);
  if (!ok && process.env.CI === 'true') {
    throw new Error(`${name} at ${host}:${port} is required when CI=true but is not reachable`);
  }
  return ok;
}
