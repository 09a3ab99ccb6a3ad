import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { BusMessage, EventBus } from '../../adapters/events/event-bus.ts';

export interface MetricsSources {
  bus: EventBus;
  /** Jobs waiting in the queue. */
  queueDepth(): Promise<number>;
  /** Current job counts by type and status, from the metadata DB (the truth). */
  jobCounts(): Promise<Array<{ type: string; status: string; count: number }>>;
}

/**
 * Prometheus metrics: HTTP latency by route, job counts and durations by type and status,
 * queue depth. Job durations are observed from the event bus, so jobs finished by separate
 * worker processes are counted too.
 */
export function createMetrics(sources: MetricsSources) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'uam_process_' });
  const http = new Histogram({
    name: 'uam_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: 'uam_job_duration_seconds',
    help: 'Job run time (start to finish) by type and final status',
    labelNames: ['type', 'status'],
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
    registers: [registry],
  });
  const jobsFinished = new Counter({
    name: 'uam_jobs_finished_total',
    help: 'Jobs that reached a final status, seen by this process',
    labelNames: ['type', 'status'],
    registers: [registry],
  });
  new Gauge({
    name: 'uam_jobs',
    help: 'Jobs in the metadata DB by type and status',
    labelNames: ['type', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await sources.jobCounts()) this.set({ type: r.type, status: r.status }, r.count);
    },
  });
  new Gauge({
    name: 'uam_queue_depth',
    help: 'Jobs waiting to run',
    registers: [registry],
    async collect() {
      this.set(await sources.queueDepth());
    },
  });

  const onBus = (m: BusMessage) => {
    if (m.kind !== 'job.updated') return;
    const j = m.job;
    if (!['succeeded', 'failed', 'cancelled'].includes(j.status)) return;
    jobsFinished.inc({ type: j.type, status: j.status });
    if (j.startedAt && j.finishedAt) {
      const s = (Date.parse(j.finishedAt) - Date.parse(j.startedAt)) / 1000;
      if (s >= 0) jobDuration.observe({ type: j.type, status: j.status }, s);
    }
  };
  const unsubscribe = sources.bus.subscribe(onBus);

  return {
    registry,
    close: unsubscribe,
    register(app: FastifyInstance) {
      app.addHook('onResponse', async (request, reply) => {
        const route = request.routeOptions.url ?? (request.is404 ? '<not found>' : '<unknown>');
        http.observe(
          { method: request.method, route, status_code: String(reply.statusCode) },
          reply.elapsedTime / 1000,
        );
      });
    },
  };
}
