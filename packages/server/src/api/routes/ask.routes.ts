import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AskService } from '../../services/ask/ask.service.ts';
import { principalOf } from '../plugins/auth.ts';
import { idParams, pageQuery } from '../schemas.ts';

export interface AskRouteDeps {
  ask: AskService;
  maxQuestionChars: number;
  /** Questions per user per minute. */
  rateLimit: number;
}

const answerSchema = z.object({
  conversationId: z.string(),
  turnId: z.string(),
  seq: z.number(),
  question: z.string(),
  version: z.number(),
  status: z.enum(['answered', 'clarify', 'unanswerable']),
  answer: z.string(),
  columns: z.array(z.object({ name: z.string(), role: z.string(), type: z.string() })),
  rows: z.array(z.array(z.unknown())),
  truncated: z.boolean(),
  chart: z.record(z.string(), z.unknown()).nullable(),
  sql: z.string(),
  params: z.array(z.unknown()),
  plan: z.record(z.string(), z.unknown()).nullable(),
  interpretation: z.array(z.object({ span: z.string(), meaning: z.string() })),
  confidence: z.number(),
  clarification: z
    .object({ choices: z.array(z.object({ label: z.string(), question: z.string() })) })
    .nullable(),
  reason: z.string().nullable(),
  suggestions: z.array(z.string()),
  followUps: z.array(z.string()),
  planner: z.enum(['builtin', 'llm']),
  durationMs: z.number(),
  createdAt: z.string(),
});
const conversationSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  datasetId: z.string(),
  userId: z.string(),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const pinSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  datasetId: z.string(),
  conversationId: z.string().nullable(),
  turnId: z.string().nullable(),
  version: z.number(),
  title: z.string(),
  question: z.string(),
  answer: z.record(z.string(), z.unknown()),
  createdBy: z.string(),
  createdAt: z.string(),
});

const noControlChars = (s: string) => !/\p{Cc}/u.test(s.replace(/[\n\r\t]/g, ''));

/** "Ask your data": questions, conversations, suggestions and pinned answers. */
export function askRoutes(d: AskRouteDeps) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['ask'];
    const question = z
      .string()
      .trim()
      .min(1, 'ask a question')
      .max(d.maxQuestionChars)
      .refine(noControlChars, 'must not contain control characters');

    app.post(
      '/datasets/:id/ask',
      {
        config: {
          audit: 'dataset.ask',
          // After authentication (a preHandler), so the limit is per user, not per address.
          rateLimit: {
            max: d.rateLimit,
            timeWindow: 60_000,
            hook: 'preHandler',
            keyGenerator: (req: FastifyRequest) => `ask:${req.principal?.userId ?? req.ip}`,
          },
        },
        schema: {
          tags,
          summary: 'Ask a question about a dataset version; 200 whether answered, clarified or refused',
          description:
            '`status` is `answered` (sentence, table, chart, SQL), `clarify` (`clarification.choices`: ' +
            'ask one of their `question`s, or reply with a label in the same conversation) or ' +
            '`unanswerable` (`reason` and `suggestions`). Pass `conversationId` for follow-ups.',
          params: idParams,
          body: z.strictObject({
            question,
            version: z.number().int().min(1).max(1_000_000_000).optional(),
            conversationId: z.uuid().optional(),
          }),
          response: { 200: answerSchema },
        },
      },
      async (req) => {
        const answer = await d.ask.ask(principalOf(req), req.params.id, req.body);
        req.auditDetails = {
          conversationId: answer.conversationId,
          turnId: answer.turnId,
          status: answer.status,
          planner: answer.planner,
          question: answer.question.slice(0, 200),
        };
        return answer;
      },
    );

    app.get(
      '/datasets/:id/suggestions',
      {
        schema: {
          tags,
          summary: 'Questions worth asking first about a version',
          params: idParams,
          querystring: z.object({ version: z.coerce.number().int().min(1).max(1_000_000_000).optional() }),
          response: { 200: z.object({ items: z.array(z.string()) }) },
        },
      },
      async (req) => ({
        items: await d.ask.suggestions(principalOf(req), req.params.id, req.query.version),
      }),
    );

    app.get(
      '/datasets/:id/conversations',
      {
        schema: {
          tags,
          summary: "The caller's recent conversations with a dataset",
          params: idParams,
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
          response: { 200: z.object({ items: z.array(conversationSchema) }) },
        },
      },
      async (req) => ({
        items: await d.ask.conversations(principalOf(req), req.params.id, req.query.limit),
      }),
    );

    app.get(
      '/conversations/:id',
      {
        schema: {
          tags,
          summary: 'A conversation with every answer, oldest first',
          params: idParams,
          response: { 200: z.object({ conversation: conversationSchema, turns: z.array(answerSchema) }) },
        },
      },
      async (req) => d.ask.conversation(principalOf(req), req.params.id),
    );

    app.post(
      '/conversations/:id/turns/:turnId/pin',
      {
        config: { audit: 'dataset.answer.pin' },
        schema: {
          tags,
          summary: 'Pin an answer for reports (a copy of it); pinning it again returns the same pin',
          params: z.object({ id: z.uuid(), turnId: z.uuid() }),
          body: z
            .strictObject({ title: z.string().trim().max(200).refine(noControlChars).optional() })
            .nullish(),
          response: { 200: z.object({ pin: pinSchema }), 201: z.object({ pin: pinSchema }) },
        },
      },
      async (req, reply) => {
        const { pin, created } = await d.ask.pin(
          principalOf(req),
          req.params.id,
          req.params.turnId,
          req.body?.title,
        );
        req.auditTarget = { type: 'pin', id: pin.id };
        req.auditDetails = { conversationId: req.params.id, turnId: req.params.turnId };
        return reply.status(created ? 201 : 200).send({ pin });
      },
    );

    app.get(
      '/projects/:id/pins',
      {
        schema: {
          tags,
          summary: 'Pinned answers of a project, newest first',
          params: idParams,
          querystring: pageQuery,
          response: { 200: z.object({ items: z.array(pinSchema), nextCursor: z.string().nullable() }) },
        },
      },
      async (req) => d.ask.pins(principalOf(req), req.params.id, req.query.limit, req.query.cursor),
    );
  };
}
